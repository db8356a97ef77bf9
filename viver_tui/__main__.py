from viver_tui.cli import main

raise SystemExit(main())
