"""The ``klasvormer`` command's exit codes (stable, for scripts):

  0  success
  1  the input has errors (listed on stderr; see --errors for an error workbook)
  2  wrong command-line usage
  3  no valid plan exists with these settings (the diagnosis is printed)
  4  the output file could not be written, or it exists and is no earlier output of Klasvormer's
     of the same kind (kept; --force overwrites it)
  130 interrupted (Ctrl-C); a partial result is kept where possible
"""

EXIT_OK, EXIT_INPUT, EXIT_USAGE, EXIT_NO_PLAN, EXIT_OUTPUT, EXIT_INTERRUPTED = 0, 1, 2, 3, 4, 130
