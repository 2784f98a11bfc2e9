/** The emoji the picker offers and the :shortcodes: text may use. */
export interface EmojiEntry {
  emoji: string;
  name: string;
}

export const emojiList: readonly EmojiEntry[] = [
  { emoji: "👍", name: "thumbsup" },
  { emoji: "👎", name: "thumbsdown" },
  { emoji: "😄", name: "smile" },
  { emoji: "😂", name: "joy" },
  { emoji: "🙂", name: "slight_smile" },
  { emoji: "😉", name: "wink" },
  { emoji: "😍", name: "heart_eyes" },
  { emoji: "😎", name: "sunglasses" },
  { emoji: "🤔", name: "thinking" },
  { emoji: "😮", name: "open_mouth" },
  { emoji: "😢", name: "cry" },
  { emoji: "😡", name: "rage" },
  { emoji: "🙏", name: "pray" },
  { emoji: "👏", name: "clap" },
  { emoji: "🙌", name: "raised_hands" },
  { emoji: "👋", name: "wave" },
  { emoji: "💪", name: "muscle" },
  { emoji: "👀", name: "eyes" },
  { emoji: "❤️", name: "heart" },
  { emoji: "🔥", name: "fire" },
  { emoji: "⭐", name: "star" },
  { emoji: "✨", name: "sparkles" },
  { emoji: "🎉", name: "tada" },
  { emoji: "🚀", name: "rocket" },
  { emoji: "💯", name: "100" },
  { emoji: "✅", name: "white_check_mark" },
  { emoji: "❌", name: "x" },
  { emoji: "⚠️", name: "warning" },
  { emoji: "☕", name: "coffee" },
  { emoji: "🍕", name: "pizza" },
  { emoji: "🎮", name: "video_game" },
  { emoji: "♟️", name: "chess_pawn" },
  { emoji: "🏆", name: "trophy" },
  { emoji: "🎲", name: "game_die" },
  { emoji: "🐛", name: "bug" },
  { emoji: "💡", name: "bulb" },
];

const byName = new Map(emojiList.map((e) => [e.name, e.emoji]));
// A few common aliases.
byName.set("+1", "👍");
byName.set("-1", "👎");
byName.set("laughing", "😂");
byName.set("party", "🎉");

export function emojiForShortcode(name: string): string | undefined {
  return byName.get(name.toLowerCase());
}

export const quickReactions: readonly string[] = ["👍", "❤️", "😂", "🎉", "😮", "😢"];
