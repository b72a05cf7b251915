import { useEffect, useId, useRef, useState } from 'react';
import { ApiError, api, type ProcedureItem, type Profile } from './api.js';

const ROLE_VI: Record<string, string> = {
  receiving_officer: 'Cán bộ một cửa',
  specialist: 'Chuyên viên thụ lý',
  department_head: 'Lãnh đạo phòng',
  agency_leader: 'Lãnh đạo cơ quan',
  clerk: 'Văn thư',
  admin: 'Quản trị hệ thống',
  inspector: 'Thanh tra, giám sát',
};

function ProcedureSearch() {
  const inputId = useId();
  const [q, setQ] = useState('');
  const [result, setResult] = useState<{ items: ProcedureItem[]; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    // a slow answer to an earlier query must not overwrite the answer to what is typed now
    let stale = false;
    const timer = setTimeout(() => {
      api<{ items: ProcedureItem[]; total: number }>(`/api/v1/procedures?limit=10&q=${encodeURIComponent(q)}`)
        .then((r) => {
          if (stale) return;
          setResult(r);
          setError(null);
        })
        .catch((e: unknown) => {
          if (!stale) setError(e instanceof ApiError ? e.body.error.messageVi : 'Không tải được danh mục');
        });
    }, 200);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [q]);

  return (
    <section aria-labelledby="search-title" className="card">
      <h2 id="search-title">Tra cứu thủ tục hành chính</h2>
      <label htmlFor={inputId}>Tên hoặc mã thủ tục (gõ không dấu cũng được)</label>
      <input
        id={inputId}
        type="search"
        value={q}
        placeholder="Ví dụ: dang ky khai sinh"
        onChange={(e) => setQ(e.target.value)}
      />
      {error && <p role="alert">{error}</p>}
      {/* present from the start: screen readers announce changes of a live region, not its arrival */}
      <p aria-live="polite">{result && `Tìm thấy ${result.total.toLocaleString('vi-VN')} thủ tục`}</p>
      {result && (
        <ul className="results">
          {result.items.map((p) => (
            <li key={p.id}>
              <span className="code">{p.code}</span> {p.name}
              <div className="meta">
                {p.field_name ?? 'Chưa phân lĩnh vực'} · {p.levels.join(', ')}
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function OfficerSignIn() {
  const userId = useId();
  const passId = useId();
  const [profile, setProfile] = useState<Profile | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const moveFocus = useRef(false);

  // Signing in or out removes the control that held the focus: the heading of what replaced it
  // takes the focus as it appears, so the keyboard position is not lost and a screen reader says
  // what changed. Not on page load with a live session: nothing was lost then.
  const takeFocus = (el: HTMLHeadingElement | null) => {
    if (!el || !moveFocus.current) return;
    moveFocus.current = false;
    el.focus();
  };

  useEffect(() => {
    api<Profile>('/api/v1/auth/me')
      .then(setProfile)
      .catch(() => setProfile(null));
  }, []);

  async function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setBusy(true);
    try {
      const signedIn = await api<Profile>('/api/v1/auth/login', {
        method: 'POST',
        body: { username: String(form.get('username')), password: String(form.get('password')) },
      });
      moveFocus.current = true;
      setProfile(signedIn);
      setError(null);
    } catch (err) {
      setError(err instanceof ApiError ? err.body.error.messageVi : 'Không kết nối được máy chủ');
    } finally {
      setBusy(false);
    }
  }

  if (profile)
    return (
      <section aria-labelledby="me-title" className="card">
        <h2 id="me-title" ref={takeFocus} tabIndex={-1}>
          Xin chào, {profile.staff.fullName}
        </h2>
        <p>{profile.tenant.name}</p>
        <ul>
          {profile.positions.map((p) => (
            <li key={p.id}>
              {ROLE_VI[p.role] ?? p.role} — {p.department ? `${p.department.name}, ` : ''}
              {p.agency.name}
            </li>
          ))}
        </ul>
        <button
          type="button"
          onClick={async () => {
            // an expired session refuses the sign-out; the officer is signed out either way
            await api('/api/v1/auth/logout', { method: 'POST' }).catch(() => undefined);
            moveFocus.current = true;
            setProfile(null);
          }}
        >
          Đăng xuất
        </button>
      </section>
    );

  return (
    <section aria-labelledby="login-title" className="card">
      <h2 id="login-title" ref={takeFocus} tabIndex={-1}>
        Đăng nhập cán bộ
      </h2>
      <form onSubmit={submit}>
        <label htmlFor={userId}>Tên đăng nhập</label>
        <input id={userId} name="username" autoComplete="username" required />
        <label htmlFor={passId}>Mật khẩu</label>
        <input id={passId} name="password" type="password" autoComplete="current-password" required />
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {busy ? 'Đang đăng nhập…' : 'Đăng nhập'}
        </button>
      </form>
    </section>
  );
}

export function App() {
  return (
    <>
      <header className="banner">
        <p className="brand">MotCua</p>
        <p>Hệ thống thông tin giải quyết thủ tục hành chính</p>
      </header>
      <main>
        <h1>Dịch vụ công một cửa</h1>
        <div className="grid">
          <ProcedureSearch />
          <OfficerSignIn />
        </div>
      </main>
      <footer>
        <a href="/api/docs">Tài liệu API (OpenAPI)</a>
      </footer>
    </>
  );
}
