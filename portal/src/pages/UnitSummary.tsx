import { useLazyQuery, useQuery } from '@apollo/client/react';
import { gradeLabels, type Grade } from '@cbccvc/rules';
import { Alert, Button, Card, Empty, Skeleton, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { serverNow } from '../auth';
import { shownError } from '../errors';
import { formatNumber, hanoiMonth, monthLabel } from '../format';
import { graphql } from '../gql';

const SummaryQuery = graphql(`
  query UnitSummaryList($unitId: ID!, $month: String!) {
    unitSummary(unitId: $unitId, month: $month) {
      published
      rows { section number person { id } fullName positionName taskPoints selfGrade finalGrade exemption decidedBy }
    }
  }
`);
const DocumentQuery = graphql(`
  query OfficialDocument($unitId: ID!, $month: String!, $format: DocumentFormat!) {
    officialDocument(kind: SUMMARY_01A, format: $format, month: $month, unitId: $unitId) { filename contentType base64 }
  }
`);

const SECTION: Record<string, string> = { LEADERS: 'I. Lãnh đạo, quản lý', STAFF: 'II. Công chức, viên chức', CONTRACT: 'III. Lao động hợp đồng' };

/** Form 01A of the leader's unit on screen, and as the official XLSX or PDF. */
export function UnitSummary({ unitId }: { unitId: string }) {
  const month = hanoiMonth(serverNow());
  const { data, loading, error } = useQuery(SummaryQuery, { variables: { unitId, month } });
  const [fetchDocument, document] = useLazyQuery(DocumentQuery, { fetchPolicy: 'network-only' });
  const [problem, setProblem] = useState<string | null>(null);
  if (loading) return <Skeleton active />;
  if (error) return <Alert type="error" showIcon title="Không tải được danh sách tổng hợp" description={shownError(error).message} />;
  const rows = data?.unitSummary.rows ?? [];
  const download = async (format: 'XLSX' | 'PDF') => {
    setProblem(null);
    const { data: file, error: failed } = await fetchDocument({ variables: { unitId, month, format } });
    if (failed || !file) return setProblem(failed ? shownError(failed).message : 'Không tạo được tệp');
    const bytes = Uint8Array.from(atob(file.officialDocument.base64), (c) => c.charCodeAt(0));
    const url = URL.createObjectURL(new Blob([bytes], { type: file.officialDocument.contentType }));
    const link = Object.assign(window.document.createElement('a'), { href: url, download: file.officialDocument.filename });
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };
  return (
    <>
      <Typography.Title level={2} style={{ marginTop: 0 }}>Danh sách tổng hợp (Mẫu 01A) — {monthLabel(month)}</Typography.Title>
      {problem && <Alert type="error" showIcon role="alert" title={problem} style={{ marginBottom: 12 }} />}
      <Space style={{ marginBottom: 12 }} wrap>
        <Button onClick={() => void download('XLSX')} loading={document.loading}>Tải Excel (XLSX)</Button>
        <Button onClick={() => void download('PDF')} loading={document.loading}>Tải PDF</Button>
      </Space>
      <Card>
        {rows.length === 0 ? <Empty description="Đơn vị chưa có phiếu đánh giá tháng này" /> : (
          <div role="region" aria-label="Danh sách tổng hợp" tabIndex={0} style={{ overflowX: 'auto' }}>
            <Table
              size="small"
              pagination={false}
              rowKey={(r) => `${r.section}-${r.person.id}`}
              dataSource={rows}
              columns={[
                { title: 'Mục', dataIndex: 'section', render: (s: string) => SECTION[s] ?? s },
                { title: 'TT', dataIndex: 'number' },
                { title: 'Họ và tên', dataIndex: 'fullName' },
                { title: 'Chức vụ', dataIndex: 'positionName' },
                { title: 'Kết quả nhiệm vụ', dataIndex: 'taskPoints', render: (v: number | null) => (v == null ? '—' : formatNumber(v)) },
                { title: 'Tự xếp loại', dataIndex: 'selfGrade', render: (g: Grade | null) => (g ? gradeLabels[g] : '—') },
                { title: 'Xếp loại', dataIndex: 'finalGrade', render: (g: Grade | null) => (g ? gradeLabels[g] : '') },
                { title: 'Ghi chú', render: (_: unknown, r) => [r.exemption, r.decidedBy].filter(Boolean).join('; ') },
              ]}
            />
          </div>
        )}
      </Card>
    </>
  );
}
