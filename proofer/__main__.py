from proofer.cli import main

main()
