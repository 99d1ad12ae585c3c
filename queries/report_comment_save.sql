-- report_comment_save: a respondent's free text for the year (replacing an earlier one).
-- params: year, member_id, comment, at
insert or replace into report_comment (year, member_id, comment, written_at)
values ($year, $member_id, $comment, $at)
