import { Badge, Box, Group, Paper, Stack, Text, useComputedColorScheme } from '@mantine/core';
import { Background, Controls, MarkerType, MiniMap, ReactFlow, type Edge } from '@xyflow/react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Account } from '@shared/model/account';
import { BUYER_ROLES } from '@shared/model/vocabulary';
import { bilingual } from '../../i18n';
import { ContactCard, type ContactNode } from './ContactCard';
import { layoutContacts } from './layout';
import { ROLE_STYLE } from './role-style';

const nodeTypes = { contact: ContactCard };

/** Reports-to lines are solid; informal influence lines dashed, directed and labelled. */
export function toFlow(account: Account): { nodes: ContactNode[]; edges: Edge[] } {
  const positions = layoutContacts(account.contacts);
  const nodes: ContactNode[] = account.contacts.map((c) => ({
    id: c.id,
    type: 'contact',
    position: positions.get(c.id) ?? { x: 0, y: 0 },
    data: { contact: c },
  }));
  const ids = new Set(account.contacts.map((c) => c.id));
  const edges: Edge[] = [
    ...account.contacts
      .filter((c) => c.reportsToId && ids.has(c.reportsToId))
      .map((c) => ({ id: `reports-${c.id}`, source: c.reportsToId as string, target: c.id, type: 'smoothstep' })),
    ...account.influenceLines
      .filter((l) => ids.has(l.fromId) && ids.has(l.toId))
      .map((l) => ({
        id: `influence-${l.id}`,
        source: l.fromId,
        target: l.toId,
        label: l.label,
        style: { strokeDasharray: '6 4', stroke: 'var(--mantine-color-orange-6)' },
        markerEnd: { type: MarkerType.ArrowClosed, color: 'var(--mantine-color-orange-6)' },
      })),
  ];
  return { nodes, edges };
}

/** The account's buying centre as an org chart, with the six roles in its legend. */
export function BuyingCentreView({ account }: { account: Account }) {
  const { t } = useTranslation();
  const scheme = useComputedColorScheme('light');
  const { nodes, edges } = useMemo(() => toFlow(account), [account]);

  if (account.contacts.length === 0) return <Text c="dimmed">{t('map.empty')}</Text>;
  return (
    <Stack gap="xs">
      <Group gap="xs" data-testid="role-legend">
        <Text size="sm" fw={600}>
          {t('map.legend')}:
        </Text>
        {BUYER_ROLES.map((r) => {
          const style = ROLE_STYLE[r];
          return (
            <Badge key={r} color={style.color} variant="light" leftSection={<style.Icon size={12} />}>
              {bilingual(`vocab.roles.${r}`)}
            </Badge>
          );
        })}
        <Text size="sm" c="dimmed">
          · {t('map.contacts', { count: account.contacts.length })}
        </Text>
      </Group>
      <Paper withBorder radius="md">
        <Box h="calc(100vh - 260px)" mih={420} data-testid="buying-centre-map">
          <ReactFlow
            nodes={nodes}
            edges={edges}
            nodeTypes={nodeTypes}
            colorMode={scheme}
            fitView
            minZoom={0.2}
            nodesConnectable={false}
            nodesDraggable={false}
            proOptions={{ hideAttribution: true }}
          >
            <Background />
            <MiniMap
              pannable
              zoomable
              nodeColor={(n) => {
                const role = (n as ContactNode).data.contact.role;
                return `var(--mantine-color-${role ? ROLE_STYLE[role].color : 'gray'}-5)`;
              }}
            />
            <Controls showInteractive={false} />
          </ReactFlow>
        </Box>
      </Paper>
    </Stack>
  );
}
