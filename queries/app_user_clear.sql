-- app_user_clear: empty the user table before app_user_save writes the edited rows.
-- params: (none)
delete from app_user
