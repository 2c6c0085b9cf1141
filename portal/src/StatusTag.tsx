import { Tag } from 'antd';
import type { ReactNode } from 'react';

/** A state shown as a tag, in colours that keep 4.5:1 (Ant Design's preset tag colours do not). */
export type Tone = 'neutral' | 'info' | 'success' | 'warning' | 'danger';

const TONES: Record<Tone, { color: string; background: string; borderColor: string }> = {
  neutral: { color: '#262626', background: '#f5f5f5', borderColor: '#bfbfbf' },
  info: { color: '#003eb3', background: '#e6f4ff', borderColor: '#91caff' },
  success: { color: '#135200', background: '#f6ffed', borderColor: '#95de64' },
  warning: { color: '#7a4100', background: '#fffbe6', borderColor: '#ffd666' },
  danger: { color: '#a8071a', background: '#fff1f0', borderColor: '#ffa39e' },
};

export function StatusTag({ tone = 'neutral', children, ...rest }: { tone?: Tone; children: ReactNode; 'data-testid'?: string }) {
  return <Tag style={TONES[tone]} {...rest}>{children}</Tag>;
}
