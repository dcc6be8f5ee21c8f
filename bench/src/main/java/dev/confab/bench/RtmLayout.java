package dev.confab.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Who is in which channel in the real-time benchmark: {@code users} users, {@code channels}
 * channels, every user in {@code perUser} channels, so each channel has
 * {@code users * perUser / channels} members. User {@code u} is in channels
 * {@code (u + j * channels / perUser) mod channels} for {@code j < perUser}; sender {@code c}
 * (user {@code c}) is a member of channel {@code c} and posts there.
 */
record RtmLayout(int users, int channels, int perUser) {
    RtmLayout {
        if (users < 1 || channels < 1 || perUser < 1) throw new IllegalArgumentException("users, channels and perUser must be positive");
        if (perUser > channels || channels % perUser != 0) throw new IllegalArgumentException("perUser must divide channels");
        if (users < channels) throw new IllegalArgumentException("need at least one user per channel (the channel's sender)");
    }

    List<Integer> channelsOf(int user) {
        List<Integer> out = new ArrayList<>(perUser);
        int stride = channels / perUser;
        for (int j = 0; j < perUser; j++) out.add((user + j * stride) % channels);
        return out;
    }

    List<Integer> membersOf(int channel) {
        List<Integer> out = new ArrayList<>();
        for (int u = 0; u < users; u++) if (channelsOf(u).contains(channel)) out.add(u);
        return out;
    }
}
