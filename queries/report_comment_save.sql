-- report_comment_save: a respondent's free text for the year (replacing an earlier one).
-- params: year, member_id, comment, at
merge into report_comment as t
using (select $year as year, $member_id as member_id) as s
on t.year = s.year and t.member_id = s.member_id
when matched then update set comment = $comment, written_at = $at
when not matched then insert (year, member_id, comment, written_at)
    values ($year, $member_id, $comment, $at)
