-- target_clear: empty the target table before target_save writes the edited rows.
-- params: (none)
delete from target
