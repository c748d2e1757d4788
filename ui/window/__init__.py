"""The main window's parts apart from its layout: actions and menus, file work, recovery (see :mod:`ui.mainwindow`)."""
