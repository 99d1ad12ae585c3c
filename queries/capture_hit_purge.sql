-- capture_hit_purge: forget rate-limit counts older than the limits look back (and then some).
-- params: before
delete from capture_hit where hit_at < $before
