-- report_comment_clear: a respondent who answers again without free text leaves none.
-- params: year, member_id
delete from report_comment where year = $year and member_id = $member_id
