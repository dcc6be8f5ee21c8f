package dev.confab.store.sql;

import dev.confab.model.Ts;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Prepared statements without the ceremony: bind parameters by position, map rows. Parameters
 * are Strings, Longs, Integers, Booleans, {@link Ts} (stored as micros), enums (stored by
 * name) or null; anything else is a programming error and fails fast.
 */
final class Jdbc {
    /** Maps the current row of a result set. */
    interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private Jdbc() {}

    static <T> List<T> list(Connection c, String sql, Row<T> row, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next()) out.add(row.map(rs));
                return out;
            }
        }
    }

    static <T> Optional<T> first(Connection c, String sql, Row<T> row, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(row.map(rs)) : Optional.empty();
            }
        }
    }

    /** A single number, e.g. {@code SELECT count(*)}; 0 when the query yields NULL. */
    static long number(Connection c, String sql, Object... params) throws SQLException {
        return first(c, sql, rs -> rs.getLong(1), params).orElse(0L);
    }

    /** Executes an INSERT, UPDATE or DELETE; returns the number of rows it changed. */
    static int update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            return ps.executeUpdate();
        }
    }

    static void bind(PreparedStatement ps, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            int at = i + 1;
            switch (params[i]) {
                case null -> ps.setNull(at, Types.NULL);
                case String s -> ps.setString(at, s);
                case Long l -> ps.setLong(at, l);
                case Integer n -> ps.setInt(at, n);
                case Boolean b -> ps.setBoolean(at, b);
                case Ts ts -> ps.setLong(at, ts.micros());
                case Enum<?> e -> ps.setString(at, e.name());
                default -> throw new IllegalArgumentException(
                        "cannot bind parameter " + at + " of type " + params[i].getClass().getName());
            }
        }
    }

    /** A nullable Ts column. */
    static Ts ts(ResultSet rs, String column) throws SQLException {
        long micros = rs.getLong(column);
        return rs.wasNull() ? null : new Ts(micros);
    }

    /** {@code (?, ?, …)} with {@code n} markers for an IN list; callers skip the query when n is 0. */
    static String marks(int n) {
        if (n < 1) throw new IllegalArgumentException("an IN list needs at least one value");
        return "(" + String.join(", ", Collections.nCopies(n, "?")) + ")";
    }
}
