/**
 * Invitation text (en, zh-TW) and the block zoomlink writes into Google descriptions (pure).
 */
export { invitationLines, type InvitationMeeting } from './render-invitation.js';
export {
  BLOCK_BEGIN,
  BLOCK_END,
  extractBlock,
  findBlocks,
  findForeignZoomLinks,
  readBlock,
  removeBlock,
  renderBlock,
  replaceBlock,
  type BlockContent,
  type BlockInfo,
  type BlockMeeting,
} from './description-block.js';
export { formatMeetingId } from './meeting-id.js';
export { findZoomLinks, meetingIdOfLink } from './zoom-links.js';
export { isHtml, htmlToText, escapeHtml, decodeEntities } from './html.js';
