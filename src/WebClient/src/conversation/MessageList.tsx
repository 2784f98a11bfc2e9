import { Fragment, useEffect, useLayoutEffect, useMemo, useRef } from "react";
import type { MessageView } from "../hub/protocol";
import { hasOlder, timeline, type ConversationState } from "./messageState";
import { MessageItem, PendingItem } from "./MessageItem";

interface Props {
  state: ConversationState;
  myUserId: string;
  myUsername: string;
  canModerate: boolean;
  label: string;
  onLoadOlder: () => void;
  onReply: (message: MessageView) => void;
  onEdit: (seq: number, text: string) => Promise<boolean>;
  onDelete: (seq: number) => Promise<boolean>;
  onReact: (seq: number, emoji: string) => void;
  onRetry: (clientMessageId: string) => void;
  onDiscard: (clientMessageId: string) => void;
  /** "Seen by …" under the newest message other members have read, by seq. */
  seen?: ReadonlyMap<number, string>;
}

/** How close to the bottom (px) still counts as "at the bottom" for following new messages. */
const stickThreshold = 80;

/**
 * The conversation's messages, oldest first. Follows new messages while the reader is at the
 * bottom, keeps the reader's place when older pages are prepended, and loads older history
 * when the top comes into view.
 */
export function MessageList(props: Props) {
  const { state, myUserId } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const sentinel = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const previous = useRef<{ firstSeq: number | undefined; height: number }>({ firstSeq: undefined, height: 0 });
  const items = useMemo(() => timeline(state, myUserId), [state, myUserId]);
  const bySeq = useMemo(() => new Map(state.messages.map((m) => [m.seq, m])), [state.messages]);
  const older = hasOlder(state);
  const onLoadOlder = props.onLoadOlder;

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const firstSeq = state.messages[0]?.seq;
    const before = previous.current;
    if (before.firstSeq !== undefined && firstSeq !== undefined && firstSeq < before.firstSeq) {
      // Older messages were prepended: keep what the reader was looking at in place.
      el.scrollTop += el.scrollHeight - before.height;
    } else if (atBottom.current) {
      el.scrollTop = el.scrollHeight;
    }
    previous.current = { firstSeq, height: el.scrollHeight };
  }, [items, state.messages]);

  useEffect(() => {
    const target = sentinel.current;
    const root = scroller.current;
    if (!target || !root || !older || typeof IntersectionObserver === "undefined") return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) onLoadOlder();
    }, { root, rootMargin: "200px 0px 0px 0px" });
    observer.observe(target);
    return () => observer.disconnect();
  }, [older, onLoadOlder, state.messages.length]);

  return (
    <div
      ref={scroller}
      className="message-scroller"
      onScroll={(e) => {
        const el = e.currentTarget;
        atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < stickThreshold;
      }}
    >
      <div ref={sentinel} className="history-top">
        {older ? (
          <button type="button" className="button-small button-secondary" onClick={onLoadOlder} disabled={state.loadingOlder}>
            {state.loadingOlder ? "Loading…" : "Load older messages"}
          </button>
        ) : state.messages.length > 0 ? (
          <p className="muted">This is the beginning of the conversation.</p>
        ) : null}
      </div>
      {state.historyError && state.messages.length === 0 && (
        <p className="muted" role="status">
          History is unavailable: {state.historyError}
        </p>
      )}
      <div role="log" aria-label={props.label} aria-live="polite" aria-relevant="additions" className="message-log">
        {items.map((item) =>
          item.kind === "message" ? (
            <Fragment key={item.key}>
              <MessageItem
                message={item.message}
                replyTo={item.message.replyToSeq !== null ? bySeq.get(item.message.replyToSeq) : undefined}
                myUserId={myUserId}
                myUsername={props.myUsername}
                canModerate={props.canModerate}
                onReply={props.onReply}
                onEdit={props.onEdit}
                onDelete={props.onDelete}
                onReact={props.onReact}
              />
              {props.seen?.has(item.message.seq) && (
                <p className="read-receipt muted" data-testid="read-receipt">
                  {props.seen.get(item.message.seq)}
                </p>
              )}
            </Fragment>
          ) : (
            <PendingItem
              key={item.key}
              pending={item.pending}
              replyTo={item.pending.replyToSeq !== null ? bySeq.get(item.pending.replyToSeq) : undefined}
              myUsername={props.myUsername}
              onRetry={props.onRetry}
              onDiscard={props.onDiscard}
            />
          ),
        )}
      </div>
    </div>
  );
}
