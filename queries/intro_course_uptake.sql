-- intro_course_uptake: new members (first appointment starts in the year, on or before the as-of
-- date; macro selected_new_members) who attended (status møtt) an intro course (kind introkurs)
-- held from 90 days before to 365 days after that start (view member_intro_course) / new
-- members. A course early next year counts for this year's new members once it has been held;
-- one whose window is still open and who has not attended counts as not (yet) attended.
-- params: selections
-- reads: attendance, event, member, unit
select
    n.selection_id,
    count(c.course_date) as numerator,
    count(*) as denominator
from selected_new_members($selections) as n
left join member_intro_course as c using (member_id)
group by n.selection_id
