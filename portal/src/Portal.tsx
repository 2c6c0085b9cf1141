import { useQuery } from '@apollo/client/react';
import { Alert, Button, Layout, Skeleton, Space, Typography } from 'antd';
import { lazy, Suspense, useEffect, useState } from 'react';
import { Link, Route, Routes, useLocation, useNavigate } from 'react-router';
import { accessToken, completeLogin, login, logout } from './auth';
import { graphql } from './gql';
import { ThisMonth } from './pages/ThisMonth';

// The landing page is in the first bundle; the other screens load when opened.
const SelfAssessment = lazy(() => import('./pages/SelfAssessment').then((m) => ({ default: m.SelfAssessment })));
const Plan = lazy(() => import('./pages/Plan').then((m) => ({ default: m.Plan })));
const DecideGroup = lazy(() => import('./pages/Decide').then((m) => ({ default: m.DecideGroup })));
const UnitSummary = lazy(() => import('./pages/UnitSummary').then((m) => ({ default: m.UnitSummary })));
const UnitStatus = lazy(() => import('./pages/UnitStatus').then((m) => ({ default: m.UnitStatus })));
const Approvals = lazy(() => import('./pages/Approvals').then((m) => ({ default: m.Approvals })));
const Notifications = lazy(() => import('./pages/Notifications').then((m) => ({ default: m.Notifications })));

const WhoAmI = graphql(`
  query WhoAmI {
    me {
      username
      unreadNotificationCount
      person { id name unit { id name } position { rank } }
    }
  }
`);

/** /dang-nhap: where the identity provider sends the browser back with a code. */
function LoginReturn() {
  const navigate = useNavigate();
  const location = useLocation();
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    completeLogin(location.search).then((to) => navigate(to, { replace: true }), (e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, [location.search, navigate]);
  if (!error) return <Skeleton active />;
  return <Alert type="error" showIcon title="Không đăng nhập được" description={error} action={<Button onClick={() => void login('/')}>Đăng nhập lại</Button>} />;
}

function Shell() {
  const { data, loading, error } = useQuery(WhoAmI);
  const location = useLocation();
  const unread = data?.me.unreadNotificationCount ?? 0;
  const leader = data?.me.person?.position.rank !== undefined && data.me.person.position.rank !== 'STAFF';
  // Plain links that wrap on a phone (a collapsing menu hides focusable items from assistive technology).
  const items = [
    { to: '/', label: 'Tháng này' },
    { to: '/ke-hoach', label: 'Kế hoạch' },
    { to: '/tu-danh-gia', label: 'Tự đánh giá' },
    ...(leader ? [{ to: '/viec-can-xu-ly', label: 'Việc cần xử lý' }, { to: '/quyet-dinh', label: 'Quyết định xếp loại' }, { to: '/tinh-hinh', label: 'Tình hình đơn vị' }, { to: '/mau-01a', label: 'Mẫu 01A' }] : []),
    { to: '/thong-bao', label: `Thông báo${unread ? ` (${unread})` : ''}` },
  ];
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 16, paddingInline: 16, flexWrap: 'wrap', height: 'auto', lineHeight: '48px' }}>
        <Typography.Text strong style={{ color: '#fff', fontSize: 16 }}>Đánh giá CBCCVC</Typography.Text>
        <nav aria-label="Chức năng" style={{ display: 'flex', flexWrap: 'wrap', gap: 4, flex: 1 }}>
          {items.map((item) => (
            <Link key={item.to} to={item.to} aria-current={location.pathname === item.to ? 'page' : undefined}
              style={{ color: '#fff', padding: '0 10px', lineHeight: '36px', borderRadius: 6, background: location.pathname === item.to ? '#0b57d0' : 'transparent' }}>
              {item.label}
            </Link>
          ))}
        </nav>
        <Space>
          {data?.me.person && <Typography.Text style={{ color: '#fff' }}>{data.me.person.name}</Typography.Text>}
          <Button size="small" onClick={() => void logout().then(() => login('/'))}>Đăng xuất</Button>
        </Space>
      </Layout.Header>
      <Layout.Content style={{ padding: 16, maxWidth: 960, width: '100%', margin: '0 auto' }}>
        {loading && <Skeleton active />}
        {error && <Alert type="error" showIcon title="Không tải được thông tin tài khoản" description={error.message} />}
        {data && !data.me.person && <Alert type="warning" showIcon title="Tài khoản chưa gắn với hồ sơ cán bộ" description="Liên hệ quản trị khối của đơn vị." />}
        {data?.me.person && (
          <Suspense fallback={<Skeleton active />}>
          <Routes>
            <Route path="/" element={<ThisMonth personId={data.me.person.id} />} />
            <Route path="/ke-hoach" element={<Plan personId={data.me.person.id} />} />
            <Route path="/viec-can-xu-ly" element={<Approvals />} />
            <Route path="/quyet-dinh" element={<DecideGroup personId={data.me.person.id} />} />
            <Route path="/tinh-hinh" element={<UnitStatus unitId={data.me.person.unit.id} />} />
            <Route path="/mau-01a" element={<UnitSummary unitId={data.me.person.unit.id} />} />
            <Route path="/tu-danh-gia" element={<SelfAssessment personId={data.me.person.id} />} />
            <Route path="/thong-bao" element={<Notifications />} />
            <Route path="*" element={<Alert type="info" title="Không có trang này" action={<Link to="/">Về trang Tháng này</Link>} />} />
          </Routes>
          </Suspense>
        )}
      </Layout.Content>
    </Layout>
  );
}

/** Signed in: the portal; otherwise the login page of the identity provider first. */
export function Portal() {
  const location = useLocation();
  const [ready, setReady] = useState(false);
  const returning = location.pathname === '/dang-nhap';
  useEffect(() => {
    if (returning) return;
    void accessToken().then((token) => (token ? setReady(true) : login(location.pathname)));
  }, [returning, location.pathname]);
  if (returning) return <Layout.Content style={{ padding: 16 }}><LoginReturn /></Layout.Content>;
  return ready ? <Shell /> : <Skeleton active style={{ padding: 16 }} />;
}
