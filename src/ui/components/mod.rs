//! The page's components, one per file.

mod child_row;
mod editor;
mod explore_panel;
mod gallery_card;
mod header;
mod icons;
mod knobs;
mod output_panel;
mod playback;
mod problem;
mod real_panel;
mod run_button;
mod share_box;
mod speedup_chart;
mod state_panel;
mod timeline;
mod timeline_panel;

pub use child_row::{ChildRow, ChildRowProps};
pub use editor::{codemirror_available, Editor, EditorProps};
pub use explore_panel::{ExplorePanel, ExplorePanelProps};
pub use gallery_card::{rich_text, GalleryCard, GalleryCardProps};
pub use header::{Header, HeaderProps};
pub use knobs::{Knobs, KnobsProps};
pub use output_panel::{OutputPanel, OutputPanelProps};
pub use playback::{Playback, PlaybackProps, SPEEDS};
pub use problem::{ProblemView, ProblemViewProps};
pub use run_button::{RunButton, RunButtonProps};
pub use real_panel::{RealPanel, RealPanelProps};
pub use share_box::{ShareBox, ShareBoxProps};
pub use speedup_chart::{SpeedupChart, SpeedupChartProps};
pub use state_panel::{StatePanel, StatePanelProps};
pub use timeline::{TimelineCanvas, TimelineCanvasProps};
pub use timeline_panel::{TimelinePanel, TimelinePanelProps};
