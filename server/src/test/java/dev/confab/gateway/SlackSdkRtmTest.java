package dev.confab.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.model.event.MessageChangedEvent;
import com.slack.api.model.event.MessageDeletedEvent;
import com.slack.api.model.event.MessageEvent;
import com.slack.api.model.event.ReactionAddedEvent;
import com.slack.api.model.event.UserTypingEvent;
import com.slack.api.rtm.RTMClient;
import com.slack.api.rtm.RTMEventHandler;
import com.slack.api.rtm.RTMEventsDispatcher;
import com.slack.api.rtm.RTMEventsDispatcherFactory;
import com.slack.api.rtm.message.Message;
import dev.confab.testing.ConfabExtension;
import dev.confab.testing.RtmClient;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The official Slack Java SDK's RTM client, pointed at Confab, with its typed event dispatcher. */
class SlackSdkRtmTest {
    @RegisterExtension
    static final ConfabExtension server = ConfabExtension.sqlite();

    private static <T> T next(BlockingQueue<T> q) throws InterruptedException {
        T t = q.poll(10, TimeUnit.SECONDS);
        assertThat(t).as("event within 10 s").isNotNull();
        return t;
    }

    @Test
    void theSdkConnectsSendsAndReceivesTypedEvents() throws Exception {
        var ws = server.workspace();
        var bob = ws.member("bob");
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(server.url() + "/api/");
        Slack slack = Slack.getInstance(config);

        BlockingQueue<String> raw = new LinkedBlockingQueue<>();
        BlockingQueue<MessageEvent> messages = new LinkedBlockingQueue<>();
        BlockingQueue<MessageChangedEvent> changes = new LinkedBlockingQueue<>();
        BlockingQueue<MessageDeletedEvent> deletes = new LinkedBlockingQueue<>();
        BlockingQueue<ReactionAddedEvent> reactions = new LinkedBlockingQueue<>();
        BlockingQueue<UserTypingEvent> typing = new LinkedBlockingQueue<>();
        RTMEventsDispatcher dispatcher = RTMEventsDispatcherFactory.getInstance();
        dispatcher.register(new RTMEventHandler<MessageEvent>() {
            @Override
            public void handle(MessageEvent e) {
                messages.add(e);
            }
        });
        dispatcher.register(new RTMEventHandler<MessageChangedEvent>() {
            @Override
            public void handle(MessageChangedEvent e) {
                changes.add(e);
            }
        });
        dispatcher.register(new RTMEventHandler<MessageDeletedEvent>() {
            @Override
            public void handle(MessageDeletedEvent e) {
                deletes.add(e);
            }
        });
        dispatcher.register(new RTMEventHandler<ReactionAddedEvent>() {
            @Override
            public void handle(ReactionAddedEvent e) {
                reactions.add(e);
            }
        });
        dispatcher.register(new RTMEventHandler<UserTypingEvent>() {
            @Override
            public void handle(UserTypingEvent e) {
                typing.add(e);
            }
        });

        try (RTMClient rtm = slack.rtmConnect(ws.owner().token())) {
            assertThat(rtm.getConnectedBotUser().getId()).isEqualTo(ws.owner().id());
            rtm.addMessageHandler(raw::add);
            rtm.addMessageHandler(dispatcher.toMessageHandler());
            rtm.connect();
            assertThat(next(raw)).contains("\"type\":\"hello\"");

            rtm.sendMessage(Message.builder().id(1L).channel(ws.general()).text("sent with the SDK").build().toJSONString());
            String ack = next(raw);
            while (!ack.contains("\"reply_to\":1")) ack = next(raw);
            assertThat(ack).contains("\"ok\":true");

            var posted = server.api().call("chat.postMessage", bob.token(), "channel", ws.general(), "text", "hello from bob");
            String ts = posted.path("ts").asText();
            MessageEvent m = next(messages);
            while (!"hello from bob".equals(m.getText())) m = next(messages);
            assertThat(m.getUser()).isEqualTo(bob.id());
            assertThat(m.getChannel()).isEqualTo(ws.general());
            assertThat(m.getTs()).isEqualTo(ts);

            server.api().call("chat.update", bob.token(), "channel", ws.general(), "ts", ts, "text", "edited by bob");
            MessageChangedEvent changed = next(changes);
            assertThat(changed.getMessage().getText()).isEqualTo("edited by bob");
            assertThat(changed.getMessage().getTs()).isEqualTo(ts);
            assertThat(changed.getPreviousMessage().getMessage().getText()).isEqualTo("hello from bob");

            server.api().call("reactions.add", bob.token(), "channel", ws.general(), "timestamp", ts, "name", "tada");
            ReactionAddedEvent reacted = next(reactions);
            assertThat(reacted.getReaction()).isEqualTo("tada");
            assertThat(reacted.getUser()).isEqualTo(bob.id());
            assertThat(reacted.getItem().getTs()).isEqualTo(ts);
            assertThat(reacted.getItem().getChannel()).isEqualTo(ws.general());

            try (RtmClient bobs = RtmClient.connect(server.api(), bob.token())) {
                bobs.awaitType("hello");
                bobs.send("{\"id\":1,\"type\":\"typing\",\"channel\":\"" + ws.general() + "\"}");
                UserTypingEvent t = next(typing);
                assertThat(t.getUser()).isEqualTo(bob.id());
                assertThat(t.getChannel()).isEqualTo(ws.general());
            }

            server.api().call("chat.delete", bob.token(), "channel", ws.general(), "ts", ts);
            MessageDeletedEvent deleted = next(deletes);
            assertThat(deleted.getDeletedTs()).isEqualTo(ts);
            assertThat(deleted.getChannel()).isEqualTo(ws.general());
        }
    }
}
