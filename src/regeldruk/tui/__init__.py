"""The youth worker's terminal UI (Textual). Imported only when the TUI opens."""
