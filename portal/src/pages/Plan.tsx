import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Button, Card, Empty, InputNumber, List, Select, Skeleton, Space, Typography } from 'antd';
import { useState } from 'react';
import { serverNow } from '../auth';
import { formatDate, formatNumber, hanoiMonth, monthLabel } from '../format';
import { graphql } from '../gql';
import { PLAN_STATUS } from '../labels';
import { StatusTag } from '../StatusTag';
import { useAction } from '../useAction';

const PlanQuery = graphql(`
  query MyPlan($personId: ID!, $month: String!) {
    person(id: $personId) {
      id
      unit { id name }
      plan(month: $month) {
        id version status returnReason plannedSize
        tasks { id title quantity size adHoc arising completedOn catalogueItem { unitOfMeasure } }
      }
    }
  }
`);
const CatalogueQuery = graphql(`
  query UnitCatalogue($unitId: ID!, $month: String!) {
    catalogue(unitId: $unitId, month: $month) { id standardUnit items { id code name unitOfMeasure factor complexityGroup } }
  }
`);
const CreatePlan = graphql(`mutation CreatePlan($input: CreatePlanInput!) { createPlan(input: $input) { id version } }`);
const AddTask = graphql(`mutation AddTask($input: AddTaskInput!) { addTask(input: $input) { id } }`);
const SubmitPlan = graphql(`mutation SubmitPlan($id: ID!, $version: Int!) { submitPlan(id: $id, expectedVersion: $version) { id status } }`);

/** Kế hoạch: the month's plan from the unit's catalogue (sizes in standard units), submitted for approval. */
export function Plan({ personId }: { personId: string }) {
  const month = hanoiMonth(serverNow());
  const { data, loading, error, refetch } = useQuery(PlanQuery, { variables: { personId, month } });
  const unitId = data?.person?.unit.id;
  const catalogue = useQuery(CatalogueQuery, { variables: { unitId: unitId!, month }, skip: !unitId });
  const [createPlan, creating] = useMutation(CreatePlan);
  const [addTask, adding] = useMutation(AddTask);
  const [submitPlan, submitting] = useMutation(SubmitPlan);
  const [itemId, setItemId] = useState<string | undefined>();
  const [quantity, setQuantity] = useState<number | null>(1);
  const { problem, run: act } = useAction(() => refetch());

  if (loading) return <Skeleton active />;
  if (error) return <Alert type="error" showIcon title="Không tải được kế hoạch" description={error.message} />;
  const person = data?.person;
  if (!person) return <Empty description="Không tìm thấy hồ sơ" />;
  const plan = person.plan;
  const items = catalogue.data?.catalogue?.items ?? [];
  const editable = !plan || plan.status === 'DRAFT' || plan.status === 'RETURNED';
  const status = plan ? PLAN_STATUS[plan.status] : undefined;

  return (
    <>
      <Typography.Title level={2} style={{ marginTop: 0 }}>Kế hoạch — {monthLabel(month)}</Typography.Title>
      <Typography.Paragraph type="secondary">{person.unit.name}</Typography.Paragraph>
      {problem && <Alert type="error" showIcon role="alert" title={problem.message} style={{ marginBottom: 12 }} />}
      {!plan && (
        <Card>
          <Empty description="Chưa lập kế hoạch tháng này">
            <Button type="primary" loading={creating.loading} onClick={() => void act(() => createPlan({ variables: { input: { unitId: person.unit.id, personId, month } } }))}>
              Lập kế hoạch tháng
            </Button>
          </Empty>
        </Card>
      )}
      {plan && (
        <Card title="Kế hoạch của tôi" style={{ marginBottom: 12 }}>
          <Space wrap style={{ marginBottom: 8 }}>
            <StatusTag tone={status?.tone} data-testid="plan-status">{status?.label ?? plan.status}</StatusTag>
            <span>Tổng: {formatNumber(plan.plannedSize)} đơn vị chuẩn</span>
          </Space>
          {plan.returnReason && <Alert type="warning" showIcon title="Lý do trả lại" description={plan.returnReason} style={{ marginBottom: 12 }} />}
          {plan.tasks.length === 0 ? (
            <Empty description="Chưa có nhiệm vụ nào" />
          ) : (
            <List
              dataSource={plan.tasks}
              renderItem={(task) => (
                <List.Item>
                  <List.Item.Meta
                    title={<>{task.title} {task.arising && <StatusTag>Phát sinh</StatusTag>}</>}
                    description={`${formatNumber(task.quantity)} ${task.catalogueItem?.unitOfMeasure ?? 'việc'} · ${formatNumber(task.size)} đơn vị chuẩn${task.completedOn ? ` · hoàn thành ${formatDate(`${task.completedOn}T00:00:00+07:00`)}` : ''}`}
                  />
                </List.Item>
              )}
            />
          )}
        </Card>
      )}
      {plan && editable && (
        <Card title="Thêm nhiệm vụ" style={{ marginBottom: 12 }}>
          <Typography.Paragraph type="secondary">Từ danh mục sản phẩm, công việc của đơn vị.</Typography.Paragraph>
          {catalogue.loading && <Skeleton active />}
          {!catalogue.loading && items.length === 0 && <Empty description="Đơn vị chưa có danh mục sản phẩm, công việc: việc phát sinh do lãnh đạo trực tiếp giao" />}
          {items.length > 0 && (
            <div style={{ display: 'flex', flexDirection: 'column', gap: 8, maxWidth: 480 }}>
              <Select
                aria-label="Sản phẩm, công việc"
                showSearch
                optionFilterProp="label"
                style={{ width: '100%' }}
                placeholder="Chọn sản phẩm, công việc"
                value={itemId}
                onChange={setItemId}
                options={items.map((i) => ({ value: i.id, label: `${i.code} ${i.name} (${formatNumber(i.factor)}/${i.unitOfMeasure})` }))}
              />
              <Space wrap>
              <InputNumber aria-label="Số lượng" min={0.5} step={0.5} decimalSeparator="," value={quantity} onChange={(v) => setQuantity(typeof v === 'number' ? v : null)} />
              <Button disabled={!itemId || !quantity} loading={adding.loading}
                onClick={() => void act(() => addTask({ variables: { input: { planId: plan.id, catalogueItemId: itemId!, quantity: quantity! } } }))}>
                Thêm
              </Button>
              </Space>
            </div>
          )}
        </Card>
      )}
      {plan && editable && (
        <Button type="primary" disabled={plan.tasks.length === 0} loading={submitting.loading} onClick={() => void act(() => submitPlan({ variables: { id: plan.id, version: plan.version } }))}>
          Gửi lãnh đạo phê duyệt
        </Button>
      )}
    </>
  );
}
