import { useEffect, useState } from "react";
import { AuthScreen } from "./auth/AuthScreen";
import { useSessionState, useSessionStore } from "./auth/SessionContext";
import type { UserSummary } from "./api/types";
import { AppShell } from "./shell/AppShell";
import { useRoute } from "./shell/router";
import { createServices, type Services } from "./shell/services";
import { ServicesContext } from "./shell/ServicesContext";

function SignedIn({ user }: { user: UserSummary }) {
  const session = useSessionStore();
  const [services, setServices] = useState<Services | null>(null);

  // Created in an effect (not during render) so that StrictMode's mount-unmount-mount in
  // development disposes the first set and the hub never runs twice.
  useEffect(() => {
    const created = createServices(session, user);
    setServices(created);
    return () => created.dispose();
  }, [session, user]);

  if (!services) return null;
  return (
    <ServicesContext.Provider value={services}>
      <AppShell />
    </ServicesContext.Provider>
  );
}

export function App() {
  const state = useSessionState();
  const route = useRoute();
  if (state.status === "anonymous") {
    return <AuthScreen key={route.name} mode={route.name === "signup" ? "signup" : "login"} notice={state.notice} />;
  }
  return <SignedIn key={state.user.userId} user={state.user} />;
}
