-- prize_draw_history: the draws of a year, newest first, with the network group each was made
-- among (a nettverksleder sees only their own groups' draws). Person-level: the winners.
-- personal: network_group
-- params: year
select draw_id, drawn_at, drawn_by, seed, n_candidates, winners, filters, network_group
from prize_draw
where year = $year
order by draw_id desc
