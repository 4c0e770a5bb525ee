-- The SQL baseline of `ratel bench`: the benchmark month rated by DuckDB the way a billing engineer
-- would write it, over the same calls as Parquet. ${...} names are filled in by SqlBaseline.
-- Longest-prefix classification (an equi-join per prefix length, the longest match wins), calls
-- billed per started minute, the allowance drawn in time order per number and month, the minutes
-- past it priced by class, and every rated call written to Parquet as Ratel's export would be.
-- months are the plan's, not the machine's: date_trunc on a timestamp with time zone uses this setting
SET TimeZone = '${zone}';

CREATE TEMP TABLE prefixes AS
    SELECT prefix, class, length(prefix) AS len
    FROM read_csv('${prefixes}', header = true, columns = {'prefix': 'VARCHAR', 'class': 'VARCHAR'});

CREATE TEMP TABLE prices AS
    SELECT class, price_per_minute, draws_allowance
    FROM read_csv('${prices}', header = true,
                  columns = {'class': 'VARCHAR', 'price_per_minute': 'DECIMAL(18,4)', 'draws_allowance': 'BOOLEAN'});

COPY (
    WITH calls AS (
        SELECT record_id, subscriber, other_party, start_time, duration_s,
               CAST(substr(record_id, 2) AS BIGINT) AS seq
        FROM read_parquet('${calls}')
        WHERE service = 'VOICE' AND direction = 'OUT'
    ),
    matches AS (
        SELECT c.seq, arg_max(p.class, p.len) AS class
        FROM calls c
        CROSS JOIN (SELECT DISTINCT len FROM prefixes) lengths
        JOIN prefixes p ON p.len = lengths.len AND p.prefix = left(c.other_party, lengths.len)
        GROUP BY c.seq
    ),
    billed AS (
        SELECT c.*, coalesce(m.class, '${default_class}') AS class, pr.price_per_minute, pr.draws_allowance,
               (c.duration_s + 59) // 60 * 60 AS billed_s
        FROM calls c
        LEFT JOIN matches m USING (seq)
        JOIN prices pr ON pr.class = coalesce(m.class, '${default_class}')
    ),
    drawn AS (
        SELECT *,
               sum(CASE WHEN draws_allowance THEN billed_s ELSE 0 END) OVER (
                   PARTITION BY subscriber, date_trunc('month', start_time)
                   ORDER BY start_time, seq ROWS UNBOUNDED PRECEDING) AS drawn_through
        FROM billed
    ),
    rated AS (
        SELECT record_id, subscriber, other_party, start_time, class AS destination_class, billed_s AS billed_units,
               CASE WHEN draws_allowance
                    THEN least(billed_s, greatest(0, ${allowance_seconds} - (drawn_through - billed_s)))
                    ELSE 0 END AS allowance_units,
               price_per_minute
        FROM drawn
    )
    SELECT record_id, subscriber, other_party, start_time, destination_class, billed_units, allowance_units,
           CAST((billed_units - allowance_units) // 60 AS DECIMAL(18,4)) * price_per_minute AS amount
    FROM rated
) TO '${rated}' (FORMAT parquet);
