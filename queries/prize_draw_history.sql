-- prize_draw_history: the draws of a year, newest first.
-- params: year
select draw_id, drawn_at, drawn_by, seed, n_candidates, winners, filters
from prize_draw
where year = $year
order by draw_id desc
