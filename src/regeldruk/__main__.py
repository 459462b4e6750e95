from regeldruk.cli import main

main()
