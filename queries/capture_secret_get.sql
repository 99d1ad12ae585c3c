-- capture_secret_get: demo mode's secret for signing check-in and questionnaire links, if made.
-- params: (none)
select secret from capture_secret limit 1
