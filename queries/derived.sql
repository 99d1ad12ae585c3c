-- derived: the shared views materialised as tables, refreshed after every change to the data
-- (import, undo, demo build) inside the same transaction, so readers see old or new, never a mix.
-- Indicator queries read these tables; the *_live views hold the definitions.
-- params: (none)
create or replace table expected_attendance as select * from expected_attendance_live;
create or replace table report_population as select * from report_population_live;
