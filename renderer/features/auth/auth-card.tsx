import type { ReactNode } from 'react';

/** The centred card the first-run and unlock screens share. */
export function AuthCard({ title, intro, children }: { readonly title: string; readonly intro: ReactNode; readonly children: ReactNode }) {
  return (
    <div className="auth-screen">
      <section className="auth-card" aria-labelledby="auth-title">
        <p className="auth-brand">pamdesk</p>
        <h1 id="auth-title">{title}</h1>
        <div className="muted">{intro}</div>
        {children}
      </section>
    </div>
  );
}
