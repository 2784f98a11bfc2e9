import { useEffect, useRef, useState } from "react";
import { RoomSettings } from "../admin/RoomSettings";
import { totalUnread } from "../notifications/unread";
import { NotificationsView } from "../notifications/NotificationsView";
import { Toasts } from "../notifications/Toasts";
import { DmView } from "../people/DmView";
import { FriendsView } from "../people/FriendsView";
import { ProfileView } from "../people/ProfileView";
import { SettingsView } from "../people/SettingsView";
import { CreateRoomForm } from "../rooms/CreateRoomForm";
import { RoomDirectory } from "../rooms/RoomDirectory";
import { RoomView } from "../rooms/RoomView";
import { ConnectionBanner } from "./ConnectionBanner";
import { BellIcon, MenuIcon } from "./icons";
import { Link } from "./Link";
import { navigate, routes, useRoute, type Route } from "./router";
import { Sidebar } from "./Sidebar";
import { useStore } from "./store";
import { useServices } from "./ServicesContext";
import { Page } from "./ui";

function Home() {
  const { me } = useServices();
  return (
    <Page title={`Welcome, ${me.username}`}>
      {me.isGuest && (
        <p className="notice">
          You are chatting as a guest: you can join rooms and send direct messages. Sign up to create rooms and add friends.
        </p>
      )}
      <div className="columns">
        <RoomDirectory />
        <CreateRoomForm />
      </div>
    </Page>
  );
}

function Content({ route }: { route: Route }) {
  switch (route.name) {
    case "home":
    case "login":
    case "signup":
      return <Home />;
    case "directory":
      return (
        <Page title="Rooms">
          <div className="columns">
            <RoomDirectory />
            <CreateRoomForm />
          </div>
        </Page>
      );
    case "room":
      return <RoomView key={route.roomId} roomId={route.roomId} />;
    case "roomSettings":
      return <RoomSettings key={route.roomId} roomId={route.roomId} />;
    case "dm":
      return <DmView key={route.userId} userId={route.userId} />;
    case "profile":
      return <ProfileView key={route.userId} userId={route.userId} />;
    case "friends":
      return <FriendsView />;
    case "notifications":
      return <NotificationsView />;
    case "settings":
      return <SettingsView />;
    case "notFound":
      return (
        <Page title="Page not found">
          <p>There is nothing at this address.</p>
          <Link to={routes.home()}>Go home</Link>
        </Page>
      );
  }
}

/**
 * The signed-in layout: header, connection banner, navigation (a sidebar on wide screens, a
 * drawer behind the menu button on phones), the current screen, and toasts.
 */
export function AppShell() {
  const services = useServices();
  const { me, session, notifications, unread, hub, toasts } = services;
  const route = useRoute();
  const [drawerOpen, setDrawerOpen] = useState(false);
  const toggle = useRef<HTMLButtonElement>(null);
  const nav = useRef<HTMLElement>(null);
  const notificationState = useStore(notifications);
  const unreadMessages = totalUnread(useStore(unread));

  // The auth screens' paths mean nothing once signed in.
  useEffect(() => {
    if (route.name === "login" || route.name === "signup") navigate(routes.home(), { replace: true });
  }, [route.name]);

  useEffect(() => {
    if (!drawerOpen) return;
    nav.current?.querySelector<HTMLAnchorElement>("a")?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape") {
        setDrawerOpen(false);
        toggle.current?.focus();
      }
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [drawerOpen]);

  useEffect(() => {
    document.title = unreadMessages > 0 ? `(${unreadMessages}) OrleansChat` : "OrleansChat";
  }, [unreadMessages]);

  const closeDrawer = () => setDrawerOpen(false);

  return (
    <div className={`app${drawerOpen ? " drawer-open" : ""}`}>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <button
          ref={toggle}
          type="button"
          className="drawer-toggle icon-button"
          aria-controls="navigation"
          aria-expanded={drawerOpen}
          aria-label={drawerOpen ? "Close navigation" : "Open navigation"}
          onClick={() => setDrawerOpen((o) => !o)}
        >
          <MenuIcon />
          {unreadMessages > 0 && !drawerOpen && <span className="toggle-dot" aria-hidden="true" />}
        </button>
        <Link to={routes.home()} className="brand">
          OrleansChat
        </Link>
        <div className="topbar-end">
          <Link to={routes.notifications()} className="bell" aria-label={`Notifications${notificationState.unseen > 0 ? `, ${notificationState.unseen} new` : ""}`}>
            <BellIcon />
            {notificationState.unseen > 0 && <span className="unread-badge">{notificationState.unseen}</span>}
          </Link>
          <span className="whoami" data-testid="current-user">
            {me.username}
            {me.isGuest && <span className="badge">guest</span>}
          </span>
          <button
            type="button"
            className="button-small button-secondary"
            onClick={() => {
              void session.logOut();
              navigate(routes.login(), { replace: true });
            }}
          >
            Log out
          </button>
        </div>
      </header>
      <ConnectionBanner hub={hub} />
      <div className="layout">
        <nav id="navigation" ref={nav} className="sidebar" aria-label="Main">
          <p className="drawer-user">
            Signed in as <strong>{me.username}</strong>
          </p>
          <Sidebar onNavigate={closeDrawer} />
        </nav>
        {drawerOpen && <div className="backdrop" aria-hidden="true" onClick={closeDrawer} />}
        <main id="main" tabIndex={-1}>
          <Content route={route} />
        </main>
      </div>
      <Toasts store={toasts} />
    </div>
  );
}
