import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore, type ReactNode } from "react";
import { parseConversationId, type MessageView } from "../hub/protocol";
import { useServices } from "../shell/ServicesContext";
import { Composer } from "./Composer";
import type { MentionCandidate } from "./mentions";
import { MessageList } from "./MessageList";
import { seenLines } from "./readReceipts";
import { TypingIndicator } from "./TypingIndicator";

interface Props {
  conversationId: string;
  /** e.g. "#general" or "Alice" */
  title: string;
  subtitle?: ReactNode;
  headerActions?: ReactNode;
  /** Shown beside the messages on wide screens, as a panel on phones (the member list). */
  sidePanel?: ReactNode;
  sidePanelOpen?: boolean;
  members: readonly MentionCandidate[];
  canModerate: boolean;
  disabledReason?: string | null;
}

function useWindowAttentive(): boolean {
  const get = () => document.visibilityState === "visible" && document.hasFocus();
  const [attentive, setAttentive] = useState(get);
  useEffect(() => {
    const update = () => setAttentive(get());
    window.addEventListener("focus", update);
    window.addEventListener("blur", update);
    document.addEventListener("visibilitychange", update);
    return () => {
      window.removeEventListener("focus", update);
      window.removeEventListener("blur", update);
      document.removeEventListener("visibilitychange", update);
    };
  }, []);
  return attentive;
}

/** One conversation (room or DM): header, history with live messages, typing, composer. */
export function ConversationView(props: Props) {
  const { conversations, unread, me, toasts, session } = useServices();
  const { conversationId } = props;
  const state = useSyncExternalStore(
    conversations.subscribe,
    () => conversations.get(conversationId),
  );
  const typing = useSyncExternalStore(conversations.subscribe, () => conversations.typing(conversationId));
  const [replyTo, setReplyTo] = useState<MessageView | null>(null);
  const attentive = useWindowAttentive();
  const lastMarked = useRef(0);

  useEffect(() => {
    void conversations.open(conversationId);
    setReplyTo(null);
    lastMarked.current = 0;
  }, [conversations, conversationId]);

  // Reading: while this conversation is on screen and the window has attention, everything
  // that arrives is read (badge cleared, read receipt sent to the hub).
  useEffect(() => {
    unread.setViewing(attentive ? conversationId : null);
    return () => unread.setViewing(null);
  }, [unread, conversationId, attentive]);

  useEffect(() => {
    if (!attentive) return;
    const latest = state.messages[state.messages.length - 1]?.seq ?? 0;
    unread.read(conversationId, latest);
    if (latest > lastMarked.current) {
      lastMarked.current = latest;
      conversations.markRead(conversationId, latest);
    }
  }, [attentive, state.messages, conversationId, conversations, unread]);

  const onLoadOlder = useCallback(() => void conversations.loadOlder(conversationId), [conversations, conversationId]);
  const onEdit = useCallback((seq: number, text: string) => conversations.edit(conversationId, seq, text), [conversations, conversationId]);
  const onDelete = useCallback((seq: number) => conversations.remove(conversationId, seq), [conversations, conversationId]);
  const onReact = useCallback((seq: number, emoji: string) => void conversations.react(conversationId, seq, emoji), [conversations, conversationId]);
  const onRetry = useCallback((id: string) => conversations.retry(conversationId, id), [conversations, conversationId]);
  const onDiscard = useCallback((id: string) => conversations.discard(conversationId, id), [conversations, conversationId]);

  const members = props.members;
  const isDm = parseConversationId(conversationId)?.kind === "dm";
  const seen = useMemo(() => {
    const names = new Map(members.map((m) => [m.userId, m.displayName || m.username]));
    return seenLines(state.messages, state.reads, me.userId, isDm, (id) => names.get(id));
  }, [state.messages, state.reads, me.userId, isDm, members]);

  const accessProblem = state.accessError ? state.accessError.message : null;

  return (
    <section className="conversation" aria-labelledby="conversation-title">
      <header className="conversation-header">
        <div className="conversation-heading">
          <h1 id="conversation-title">{props.title}</h1>
          {props.subtitle && <p className="conversation-subtitle">{props.subtitle}</p>}
        </div>
        <div className="conversation-actions">{props.headerActions}</div>
      </header>
      <div className="conversation-body">
        <div className="conversation-main">
          {accessProblem && (
            <p className="notice notice-error" role="alert">
              {accessProblem}
            </p>
          )}
          <MessageList
            state={state}
            myUserId={me.userId}
            myUsername={me.username}
            canModerate={props.canModerate}
            label={`Messages in ${props.title}`}
            onLoadOlder={onLoadOlder}
            onReply={setReplyTo}
            onEdit={onEdit}
            onDelete={onDelete}
            onReact={onReact}
            onRetry={onRetry}
            onDiscard={onDiscard}
            seen={seen}
          />
          <TypingIndicator users={typing} />
          <Composer
            conversationId={conversationId}
            label={`Message ${props.title}`}
            members={props.members}
            myUserId={me.userId}
            replyTo={replyTo}
            disabledReason={props.disabledReason ?? null}
            getAccessToken={() => session.getAccessToken()}
            onCancelReply={() => setReplyTo(null)}
            onSend={(text, replyToSeq) => {
              conversations.send(conversationId, text, replyToSeq);
              setReplyTo(null);
            }}
            onTyping={() => conversations.notifyTyping(conversationId)}
            onError={(message) => toasts.error(message)}
          />
        </div>
        {props.sidePanel && (
          <aside className={`side-panel${props.sidePanelOpen ? " open" : ""}`} aria-label="Members">
            {props.sidePanel}
          </aside>
        )}
      </div>
    </section>
  );
}
