import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Button, Empty, List, Skeleton, Typography } from 'antd';
import { formatDateTime } from '../format';
import { graphql } from '../gql';
import { StatusTag } from '../StatusTag';

const NotificationsQuery = graphql(`
  query MyNotifications {
    me {
      unreadNotificationCount
      notifications(first: 50) { id kind title body deadline createdAt readAt }
    }
  }
`);

const MarkRead = graphql(`
  mutation MarkNotificationsRead($ids: [ID!]!) {
    markNotificationsRead(ids: $ids)
  }
`);

export function Notifications() {
  const { data, loading, error, refetch } = useQuery(NotificationsQuery);
  const [markRead, marking] = useMutation(MarkRead);
  if (loading) return <Skeleton active />;
  if (error) return <Alert type="error" showIcon title="Không tải được thông báo" description={error.message} />;
  const list = data?.me.notifications ?? [];
  const unread = list.filter((n) => !n.readAt).map((n) => n.id);
  return (
    <>
      <Typography.Title level={2} style={{ marginTop: 0 }}>Thông báo</Typography.Title>
      {unread.length > 0 && (
        <Button loading={marking.loading} onClick={() => void markRead({ variables: { ids: unread } }).then(() => refetch())} style={{ marginBottom: 12 }}>
          Đánh dấu đã đọc tất cả
        </Button>
      )}
      {list.length === 0 ? (
        <Empty description="Chưa có thông báo nào" />
      ) : (
        <List
          dataSource={list}
          renderItem={(n) => (
            <List.Item>
              <List.Item.Meta
                title={<>{!n.readAt && <StatusTag tone="info">Mới</StatusTag>}{n.title}</>}
                description={<>{n.body}<br /><Typography.Text type="secondary">{formatDateTime(n.createdAt)}</Typography.Text></>}
              />
            </List.Item>
          )}
        />
      )}
    </>
  );
}
