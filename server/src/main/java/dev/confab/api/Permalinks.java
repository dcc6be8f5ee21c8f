package dev.confab.api;

import dev.confab.model.Message;

/** Slack's message permalinks: {@code <base>/archives/<channel>/p<ts digits>}, with the thread for replies. */
final class Permalinks {
    private Permalinks() {}

    static String of(String baseUrl, Message m) {
        String link = baseUrl + "/archives/" + m.channelId() + "/p" + m.ts().toString().replace(".", "");
        if (m.isReply()) link += "?thread_ts=" + m.threadTs() + "&cid=" + m.channelId();
        return link;
    }
}
