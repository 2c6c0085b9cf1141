import { ApolloProvider } from '@apollo/client/react';
import { App as AntApp, ConfigProvider } from 'antd';
import viVN from 'antd/locale/vi_VN';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { createClient } from './apollo';
import { Portal } from './Portal';

// Secondary and hint texts dark enough for a 4.5:1 contrast (WCAG AA) on white and on the page grey.
const theme = {
  token: {
    colorPrimary: '#0b57d0',
    // Hover and focus darken instead of lighten, so a hovered button keeps its 4.5:1.
    colorPrimaryHover: '#0842a0',
    colorPrimaryActive: '#062e6f',
    colorPrimaryTextHover: '#0842a0',
    colorLinkHover: '#0842a0',
    fontSize: 15,
    colorTextSecondary: '#4a4a4a',
    colorTextTertiary: '#555555',
    colorTextQuaternary: '#595959',
    colorTextDescription: '#555555',
    colorTextPlaceholder: '#595959',
  },
};

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ConfigProvider locale={viVN} theme={theme}>
      <AntApp>
        <ApolloProvider client={createClient()}>
          <BrowserRouter>
            <Portal />
          </BrowserRouter>
        </ApolloProvider>
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
);
