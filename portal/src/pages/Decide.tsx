import { useLazyQuery, useMutation, useQuery } from '@apollo/client/react';
import { gradeLabels, type Grade } from '@cbccvc/rules';
import { Alert, Button, Card, Checkbox, Empty, Input, Select, Skeleton, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { serverNow } from '../auth';
import { shownError } from '../errors';
import { formatNumber, hanoiMonth, monthLabel } from '../format';
import { graphql } from '../gql';
import { FORM_STATE } from '../labels';
import { useAction } from '../useAction';

const ScopesQuery = graphql(`
  query MyQuotaScopes($deciderId: ID!, $month: String!) {
    quotaGroups(deciderId: $deciderId, month: $month) {
      key name quotaBase percent size base cap granted undecided
      groups { id name size base cap granted undecided members { person { id } fullName state finalGrade } }
    }
  }
`);
const Preview = graphql(`
  query PreviewDecision($input: DecisionInput!) {
    previewDecision(input: $input) {
      cap base granted scopeCap scopeGranted room undecidedOutside exceeded exceededExplanation
      needsChoice { id name }
      members { person { id name } score band grade explanation }
    }
  }
`);
const Decide = graphql(`
  mutation DecideGroup($input: DecisionInput!) {
    decideEvaluations(input: $input) { granted members { person { id } grade } }
  }
`);


/** Quyết định xếp loại: a duty group under the quota (DOMAIN §6) — caps, A used, ties, the 25 % raise, a preview, then the decision. */
export function DecideGroup({ personId }: { personId: string }) {
  const month = hanoiMonth(serverNow());
  const scopes = useQuery(ScopesQuery, { variables: { deciderId: personId, month } });
  const [preview, previewed] = useLazyQuery(Preview, { fetchPolicy: 'network-only' });
  const [decide, deciding] = useMutation(Decide);
  const [groupId, setGroupId] = useState<string | undefined>();
  const [chosen, setChosen] = useState<string[]>([]);
  const [raised, setRaised] = useState('');
  const [reason, setReason] = useState('');
  const { problem, run } = useAction();
  const [done, setDone] = useState<string | null>(null);

  if (scopes.loading) return <Skeleton active />;
  if (scopes.error) return <Alert type="error" showIcon title="Không tải được nhóm tỷ lệ" description={scopes.error.message} />;
  const all = scopes.data?.quotaGroups ?? [];
  const groups = all.flatMap((s) => s.groups.map((g) => ({ scope: s, group: g })));
  if (groups.length === 0) return <Empty description={`Không có ai chờ đồng chí quyết định xếp loại ${monthLabel(month).toLowerCase()}`} />;
  const picked = groups.find((x) => x.group.id === groupId) ?? groups[0]!;
  const input = () => ({ month, groupId: picked.group.id, chosen: chosen.length ? chosen : null, raisedReason: raised.trim() || null });
  const proposal = previewed.data?.previewDecision;
  const ties = proposal?.needsChoice ?? [];

  return (
    <>
      <Typography.Title level={2} style={{ marginTop: 0 }}>Quyết định xếp loại — {monthLabel(month)}</Typography.Title>
      {problem && <Alert type="error" showIcon role="alert" title={problem.message} style={{ marginBottom: 12 }} />}
      {done && <Alert type="success" showIcon title={done} style={{ marginBottom: 12 }} />}
      <Card style={{ marginBottom: 12 }}>
        <Space wrap>
          <span>Nhóm tỷ lệ:</span>
          <Select
            aria-label="Nhóm tỷ lệ"
            style={{ minWidth: 280 }}
            value={picked.group.id}
            onChange={(id: string) => { setGroupId(id); setChosen([]); setDone(null); }}
            options={groups.map(({ scope, group }) => ({ value: group.id, label: `${scope.name} — ${group.name} (${group.size} người)` }))}
          />
        </Space>
        <Typography.Paragraph style={{ marginTop: 12 }} data-testid="caps">
          Chỉ tiêu loại A của nhóm: <strong>{picked.group.cap ?? 'không giới hạn'}</strong> (tính trên {picked.group.base} người đạt mức B trở lên{picked.scope.percent != null ? `, ${formatNumber(picked.scope.percent)} %` : ''}); đã dùng {picked.group.granted}. Phạm vi: chỉ tiêu {picked.scope.cap ?? '—'}, đã dùng {picked.scope.granted}.
        </Typography.Paragraph>
        <div role="region" aria-label="Thành viên của nhóm" tabIndex={0} style={{ overflowX: 'auto' }}>
        <Table
          size="small"
          pagination={false}
          rowKey={(m) => m.person.id}
          dataSource={picked.group.members}
          columns={[
            { title: 'Họ và tên', dataIndex: 'fullName' },
            { title: 'Trạng thái', dataIndex: 'state', render: (s: string) => FORM_STATE[s]?.short ?? s },
            { title: 'Xếp loại', dataIndex: 'finalGrade', render: (g: Grade | null) => (g ? gradeLabels[g] : '—') },
          ]}
        />
        </div>
      </Card>

      <Card title="Đề xuất" style={{ marginBottom: 12 }}>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Input aria-label="Lý do nâng tỷ lệ lên 25 % (đơn vị xuất sắc)" placeholder="Lý do nâng tỷ lệ lên 25 % (để trống nếu không nâng)" value={raised} onChange={(e) => setRaised(e.target.value)} />
          <Button onClick={() => void run(() => preview({ variables: { input: input() } }))} loading={previewed.loading}>Xem trước kết quả</Button>
        </Space>
        {previewed.error && <Alert type="error" showIcon style={{ marginTop: 12 }} title={shownError(previewed.error).message} />}
        {proposal && (
          <>
            {proposal.exceeded && <Alert type="error" showIcon style={{ marginTop: 12 }} title={proposal.exceededExplanation ?? 'Vượt chỉ tiêu loại A'} />}
            <div role="region" aria-label="Đề xuất xếp loại" tabIndex={0} style={{ overflowX: 'auto', marginTop: 12 }}>
            <Table
              size="small"
              pagination={false}
              rowKey={(m) => m.person.id}
              dataSource={proposal.members}
              columns={[
                { title: 'Họ và tên', render: (_: unknown, m) => m.person.name },
                { title: 'Điểm', dataIndex: 'score', render: (v: number) => formatNumber(v) },
                { title: 'Mức theo điểm', dataIndex: 'band', render: (g: Grade) => gradeLabels[g] },
                { title: 'Xếp loại', dataIndex: 'grade', render: (g: Grade, m) => <span data-testid={`grade-${m.person.id}`}>{gradeLabels[g]}</span> },
                { title: 'Vì sao', dataIndex: 'explanation', render: (v: string | null) => v ?? '' },
              ]}
            />
            </div>
            {ties.length > 0 && (
              <Alert
                type="warning"
                showIcon
                style={{ marginTop: 12 }}
                title={`${ties.length} người bằng điểm ở ranh giới chỉ tiêu: chọn người được xếp loại A (còn ${proposal.room ?? 0} chỉ tiêu)`}
                description={
                  <Checkbox.Group value={chosen} onChange={(v) => setChosen(v as string[])}
                    options={ties.map((p) => ({ value: p.id, label: p.name }))} />
                }
              />
            )}
            <Space direction="vertical" style={{ width: '100%', marginTop: 12 }}>
              <Input.TextArea aria-label="Căn cứ quyết định" rows={2} placeholder="Căn cứ quyết định (bắt buộc)" value={reason} onChange={(e) => setReason(e.target.value)} />
              <Button type="primary" disabled={!reason.trim() || proposal.exceeded} loading={deciding.loading}
                onClick={() => void run(async () => {
                  const { data } = await decide({ variables: { input: { ...input(), reason } } });
                  setDone(`Đã quyết định ${data?.decideEvaluations.members.length ?? 0} người; loại A đã dùng: ${data?.decideEvaluations.granted ?? 0}.`);
                  setChosen([]);
                  await scopes.refetch();
                  await preview({ variables: { input: input() } }).catch(() => undefined);
                })}>
                Quyết định xếp loại
              </Button>
            </Space>
          </>
        )}
      </Card>
      <Typography.Paragraph type="secondary">Xếp loại theo điểm: tỷ lệ loại A chỉ hạ mức A xuống B, không bao giờ nâng mức.</Typography.Paragraph>
    </>
  );
}
