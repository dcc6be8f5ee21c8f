/** The emoji the client knows by Slack name: the picker's list and `:name:` rendering. */
export const EMOJI: Record<string, string> = {
  '+1': '👍', thumbsup: '👍', '-1': '👎', heart: '❤️', joy: '😂', smile: '😄', grinning: '😀', wink: '😉',
  tada: '🎉', eyes: '👀', fire: '🔥', rocket: '🚀', white_check_mark: '✅', x: '❌', thinking_face: '🤔',
  pray: '🙏', clap: '👏', raised_hands: '🙌', ok_hand: '👌', wave: '👋', muscle: '💪', sob: '😭',
  sweat_smile: '😅', slightly_smiling_face: '🙂', upside_down_face: '🙃', heart_eyes: '😍', sunglasses: '😎',
  100: '💯', star: '⭐', sparkles: '✨', bulb: '💡', warning: '⚠️', coffee: '☕', pizza: '🍕', beers: '🍻',
  memo: '📝', bug: '🐛', zap: '⚡', point_up: '☝️', party_parrot: '🦜', hourglass: '⌛', speech_balloon: '💬',
};

/** The picker's order (one name per picture). */
export const PICKER = Object.keys(EMOJI).filter((n) => n !== 'thumbsup');

/** What the message hover offers with one click. */
export const QUICK = ['+1', 'heart', 'joy', 'eyes', 'tada'];

export function emoji(name: string): string {
  const base = name.replace(/::skin-tone-\d$/, '');
  return EMOJI[base] ?? `:${name}:`;
}
