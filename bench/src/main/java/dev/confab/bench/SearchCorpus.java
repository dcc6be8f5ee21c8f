package dev.confab.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The search benchmark's chat history, generated deterministically from a seed: message {@code i}
 * is the same every time (its own random stream), so the Confab store and the PostgreSQL table get
 * the same text without holding a million messages in memory.
 *
 * <p>Words follow a Zipf distribution (s = 1.07) over a vocabulary of common English chat words
 * followed by a long tail of made-up words; a message has 3-30 of them. Mixed in, per message:
 * a URL (4 %), a code identifier in camelCase or snake_case (5 %), a mention (3 %), accented
 * European words (2 %), and a sentence of Japanese (2 %), Chinese (1.5 %) or Korean (1.5 %).
 * Channels and authors are Zipf-distributed too (a few busy channels, a few talkative people).
 */
final class SearchCorpus {
    /** Common English, roughly by frequency in chat; the head of the Zipf distribution. */
    static final String[] ENGLISH = ("the to i a and is it you that of in for on this we be have with not can "
            + "just so but are do at if was will my all me what be get about there think like out up one know "
            + "they go no your good now how time when from he would should make see yes also thanks need "
            + "today deploy build release test fix issue meeting review team update change server "
            + "customer data question problem call work week tomorrow looks merge branch code error "
            + "config production staging user feature design ticket support report plan check "
            + "release notes database query cache latency service client request response logs "
            + "monitoring alert incident rollback migration schema index search message channel "
            + "thread reply document draft slides budget quarter roadmap sprint standup retro "
            + "lunch coffee office remote holiday vacation weekend morning afternoon evening "
            + "great sure sounds perfect awesome agreed interesting weird broken slow fast "
            + "working waiting blocked done started finished pushed reverted approved merged "
            + "deployed tested fixed shipped scheduled cancelled moved delayed ready happy "
            + "sorry maybe probably actually really still already again please help "
            + "someone anyone everyone something anything nothing everything because though "
            + "version network memory disk cluster node container kubernetes docker terraform "
            + "python java javascript typescript golang rust frontend backend mobile android ios "
            + "browser api endpoint token password login permission role admin account billing "
            + "invoice contract sales marketing hiring interview onboarding candidate offer "
            + "bug crash timeout exception stacktrace regression flaky pipeline runner artifact").split(" ");

    /** PostgreSQL's English stop words among {@link #ENGLISH}: not usable as the only word of a query there. */
    static final java.util.Set<String> STOP = java.util.Set.of(("the to i a and is it you that of in for on this we be have "
            + "with not can just so but are do at if was will my all me what get about there out up one they no your "
            + "now how when from he would should also again because").split(" "));

    private static final String[] SYLLABLES = {"ka", "lo", "mi", "ren", "tu", "sa", "vo", "pel", "dri", "qua", "zen",
            "bor", "fin", "gla", "ho", "jus", "ne", "ox", "pri", "sto", "ul", "vex", "wa", "yo", "cor", "dal", "em", "ith"};
    private static final String[] ACCENTED = {"café", "naïve", "résumé", "über", "größe", "façade", "jalapeño",
            "crème", "brûlée", "São", "Zürich", "déjà", "señor", "mañana", "coöperate"};
    private static final String[] JAPANESE = {"東京都に住んでいます", "明日の会議は午後三時からです", "新しい機能をリリースしました",
            "検索の速度を改善します", "サーバーが落ちています", "週末は京都へ行きます", "報告書を確認してください",
            "データベースの移行は来週です", "ありがとうございます", "障害の原因を調査中です"};
    private static final String[] CHINESE = {"我们明天讨论搜索功能", "服务器已经重新启动", "请检查数据库的配置", "北京的天气很好",
            "新版本下周发布", "这个问题已经修复了", "会议改到下午三点", "性能测试的结果不错"};
    private static final String[] KOREAN = {"서울에서 회의가 있습니다", "배포가 완료되었습니다", "데이터베이스를 확인해 주세요",
            "검색 기능을 개선했습니다", "내일 다시 이야기합시다", "서버가 느립니다"};

    /** 2024-01-01T00:00:00Z in microseconds: the first message. */
    static final long START_MICROS = Instant.parse("2024-01-01T00:00:00Z").getEpochSecond() * 1_000_000L;
    /** Two years of history, whatever the message count. */
    static final long SPAN_MICROS = 730L * 86_400 * 1_000_000;

    final long seed;
    final int messages;
    final int channels;
    final int users;
    final List<String> vocabulary;
    private final double[] wordCdf;
    private final double[] channelCdf;
    private final double[] userCdf;

    /** One generated message: which channel (index), author (index), when (micros) and what. */
    record Msg(int channel, int user, long tsMicros, String text) {}

    SearchCorpus(long seed, int messages, int channels, int users, int tailWords) {
        this.seed = seed;
        this.messages = messages;
        this.channels = channels;
        this.users = users;
        LinkedHashSet<String> words = new LinkedHashSet<>(List.of(ENGLISH));
        SplittableRandom r = new SplittableRandom(seed);
        while (words.size() < ENGLISH.length + tailWords) {
            StringBuilder w = new StringBuilder();
            int n = 2 + r.nextInt(3);
            for (int k = 0; k < n; k++) w.append(SYLLABLES[r.nextInt(SYLLABLES.length)]);
            words.add(w.toString());
        }
        this.vocabulary = List.copyOf(words);
        this.wordCdf = zipf(vocabulary.size(), 1.07);
        this.channelCdf = zipf(channels, 0.8);
        this.userCdf = zipf(users, 0.6);
    }

    /** Private channels: every tenth. */
    static boolean isPrivate(int channel) {
        return channel % 10 == 9;
    }

    /** The ten members of a private channel (user indexes); public channels are readable by all. */
    static int[] privateMembers(int channel, int users) {
        int[] m = new int[10];
        for (int k = 0; k < m.length; k++) m[k] = (channel * 7 + k * 13) % users;
        return m;
    }

    static String channelName(int c) {
        return String.format(Locale.ROOT, "ch%04d", c);
    }

    static String userName(int u) {
        return String.format(Locale.ROOT, "user%03d", u);
    }

    /** Message {@code i}: {@code userIds} are the authors' ids (for mentions), by user index. */
    Msg message(int i, List<String> userIds) {
        SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + i);
        int channel = sample(channelCdf, r);
        int user = isPrivate(channel) ? privateMembers(channel, users)[r.nextInt(10)] : sample(userCdf, r);
        long step = SPAN_MICROS / messages;
        long ts = START_MICROS + i * step + r.nextLong(Math.max(1, step));
        return new Msg(channel, user, ts, text(r, userIds));
    }

    private String text(SplittableRandom r, List<String> userIds) {
        StringBuilder sb = new StringBuilder();
        int n = 3 + (int) Math.min(27, -Math.log(1 - r.nextDouble()) * 9);
        for (int k = 0; k < n; k++) {
            if (k > 0) sb.append(' ');
            sb.append(word(r));
        }
        double x = r.nextDouble();
        if (x < 0.04) sb.append(" https://").append(word(r)).append(".example.com/").append(word(r)).append('/').append(r.nextInt(1000));
        else if (x < 0.09) sb.append(' ').append(identifier(r));
        else if (x < 0.12) sb.append(" <@").append(userIds.get(sample(userCdf, r))).append('>');
        else if (x < 0.14) sb.append(' ').append(ACCENTED[r.nextInt(ACCENTED.length)]);
        double y = r.nextDouble();
        if (y < 0.02) sb.append(' ').append(JAPANESE[r.nextInt(JAPANESE.length)]);
        else if (y < 0.035) sb.append(' ').append(CHINESE[r.nextInt(CHINESE.length)]);
        else if (y < 0.05) sb.append(' ').append(KOREAN[r.nextInt(KOREAN.length)]);
        return sb.toString();
    }

    String word(SplittableRandom r) {
        return vocabulary.get(sample(wordCdf, r));
    }

    /** {@code fetchUserName}, {@code retry_count}: two or three vocabulary words. */
    private String identifier(SplittableRandom r) {
        int n = 2 + r.nextInt(2);
        boolean snake = r.nextBoolean();
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < n; k++) {
            String w = vocabulary.get(20 + sample(wordCdf, r) % 400);
            if (k > 0 && snake) sb.append('_');
            sb.append(k > 0 && !snake ? Character.toUpperCase(w.charAt(0)) + w.substring(1) : w);
        }
        return sb.toString();
    }

    /** The words of a message's English part, in order (for phrase and multi-word queries that match something). */
    static List<String> plainWords(String text) {
        List<String> out = new ArrayList<>();
        for (String w : text.split(" ")) {
            if (!w.isEmpty() && w.chars().allMatch(c -> c >= 'a' && c <= 'z')) out.add(w);
        }
        return out;
    }

    private static double[] zipf(int n, double s) {
        double[] cdf = new double[n];
        double sum = 0;
        for (int k = 0; k < n; k++) {
            sum += 1 / Math.pow(k + 1, s);
            cdf[k] = sum;
        }
        for (int k = 0; k < n; k++) cdf[k] /= sum;
        return cdf;
    }

    private static int sample(double[] cdf, SplittableRandom r) {
        int i = java.util.Arrays.binarySearch(cdf, r.nextDouble());
        return Math.min(cdf.length - 1, i < 0 ? -i - 1 : i);
    }
}
