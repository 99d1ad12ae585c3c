-- meeting_attendance: attended / expected, summed over the year's network meetings (kind
-- nettverksmote) held on or before the as-of date (macro attendance_rate). Rows for people who
-- were not expected count in no rate.
-- params: selections
-- reads: attendance, event, member, unit
select * from attendance_rate($selections, 'nettverksmote')
