import {
  IconCoin,
  IconCrown,
  IconHelpCircle,
  IconMinus,
  IconShoppingCart,
  IconSpeakerphone,
  IconThumbDown,
  IconThumbUp,
  IconTool,
  IconUsers,
  type Icon,
} from '@tabler/icons-react';
import type { Attitude, BuyerRole } from '@shared/model/vocabulary';

/** Each of the six roles has its own colour and icon, so the map reads at a glance. */
export const ROLE_STYLE: Record<BuyerRole, { color: string; Icon: Icon }> = {
  decider: { color: 'red', Icon: IconCrown },
  authority: { color: 'violet', Icon: IconTool },
  influencer: { color: 'orange', Icon: IconSpeakerphone },
  executor: { color: 'blue', Icon: IconShoppingCart },
  user: { color: 'teal', Icon: IconUsers },
  payer: { color: 'green', Icon: IconCoin },
};

export const ATTITUDE_STYLE: Record<Attitude, { color: string; Icon: Icon }> = {
  supporter: { color: 'green', Icon: IconThumbUp },
  neutral: { color: 'gray', Icon: IconMinus },
  opponent: { color: 'red', Icon: IconThumbDown },
  unknown: { color: 'gray', Icon: IconHelpCircle },
};
