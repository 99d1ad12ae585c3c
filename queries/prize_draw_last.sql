-- prize_draw_last: the number of the draw just stored (writes are serialised, so it is ours).
-- params: (none)
select max(draw_id) as draw_id from prize_draw
