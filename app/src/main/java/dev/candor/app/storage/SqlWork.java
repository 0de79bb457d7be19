package dev.candor.app.storage;

import java.sql.Connection;
import java.sql.SQLException;

/** Work done with the database connection while {@link Database} holds its lock. */
@FunctionalInterface
interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
}
