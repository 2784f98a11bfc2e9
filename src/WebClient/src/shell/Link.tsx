import type { AnchorHTMLAttributes, MouseEvent } from "react";
import { navigate, usePath } from "./router";

interface Props extends Omit<AnchorHTMLAttributes<HTMLAnchorElement>, "href"> {
  to: string;
  /** Called after navigating (e.g. to close the drawer). */
  onNavigate?: () => void;
}

/** An ordinary link (keyboard, middle-click and "open in new tab" work) that navigates in-app. */
export function Link({ to, onNavigate, onClick, children, ...rest }: Props) {
  const path = usePath();
  const handle = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to);
    onNavigate?.();
  };
  return (
    <a href={to} onClick={handle} aria-current={path === to ? "page" : undefined} {...rest}>
      {children}
    </a>
  );
}
