-- intro_course_list: the new members behind intro_course_uptake (macro selected_new_members),
-- with the day they started, whether and when they attended an intro course in their window
-- (view member_intro_course), and when the window closes. Person-level. One selection.
-- personal: network_group
-- params: selections
select
    n.member_id,
    n.member_name,
    n.profession,
    n.unit_name,
    n.network_group,
    n.start_date,
    c.course_date,
    cast(n.start_date + interval 365 day as date) as window_closes_on
from selected_new_members($selections) as n
left join member_intro_course as c using (member_id)
order by c.course_date is not null, n.start_date
