import { createContext, useContext, useSyncExternalStore } from 'react';
import type { Chat } from './chat';

export const ChatContext = createContext<Chat | null>(null);

/** The chat state; the calling component re-renders whenever it changes. */
export function useChat(): Chat {
  const chat = useContext(ChatContext);
  if (!chat) throw new Error('useChat outside ChatContext');
  useSyncExternalStore(chat.subscribe, chat.getVersion);
  return chat;
}
