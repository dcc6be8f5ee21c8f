package dev.confab.bench;

import io.netty.buffer.ByteBuf;

/**
 * One operation a NATS server sends (its text protocol): {@code INFO {json}}, {@code MSG subject
 * sid [reply-to] size} with its payload, {@code PING}, {@code PONG}, {@code +OK}, {@code -ERR 'why'}.
 *
 * @param arg     INFO's JSON, MSG's subject, -ERR's message; "" otherwise
 * @param sid     MSG's subscription id; "" otherwise
 * @param payload MSG's payload (a retained slice the receiver must release); null otherwise
 */
record NatsOp(Kind kind, String arg, String sid, ByteBuf payload) {
    enum Kind { INFO, MSG, PING, PONG, OK, ERR }

    static NatsOp of(Kind kind, String arg) {
        return new NatsOp(kind, arg, "", null);
    }
}
