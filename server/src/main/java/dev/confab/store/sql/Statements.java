package dev.confab.store.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The prepared statements of one connection. Either kept (the SQLite writer connection: each SQL
 * text is prepared once and reused by every later group commit) or per transaction (closed by
 * {@link #closeAll} when the transaction ends). Callers never close a statement they got here.
 */
final class Statements {
    private final Connection c;
    private final boolean kept;
    private final Map<String, PreparedStatement> bySql = new HashMap<>();
    private final List<PreparedStatement> opened = new ArrayList<>();

    private Statements(Connection c, boolean kept) {
        this.c = c;
        this.kept = kept;
    }

    /** Statements that live as long as the connection. */
    static Statements kept(Connection c) {
        return new Statements(c, true);
    }

    /** Statements for one transaction on {@code c}; the caller must {@link #closeAll} them. */
    static Statements perTransaction(Connection c) {
        return new Statements(c, false);
    }

    Connection connection() {
        return c;
    }

    PreparedStatement get(String sql) throws SQLException {
        if (!kept) {
            PreparedStatement ps = c.prepareStatement(sql);
            opened.add(ps);
            return ps;
        }
        PreparedStatement ps = bySql.get(sql);
        if (ps == null) {
            ps = c.prepareStatement(sql);
            bySql.put(sql, ps);
        }
        return ps;
    }

    void closeAll() {
        for (PreparedStatement ps : kept ? bySql.values() : opened) {
            try {
                ps.close();
            } catch (SQLException ignored) {
                // Closing is best effort: the connection goes away or back to the pool next.
            }
        }
        bySql.clear();
        opened.clear();
    }
}
