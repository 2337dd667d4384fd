//! Present mode (F5, View > Present): the map shown full screen, step by
//! step along a tour, with every panel hidden and large text, after Argunet
//! Presentation's slides and PowerPoint's presenter keys.
//!
//! Keys: Right, Space, PageDown or a click go to the next step; Left or
//! PageUp go back (the exact inverse: a step's picture and camera depend
//! only on its index); Home and End jump to the ends; digits then Enter
//! jump to a step (1-based); B blanks the screen; N shows the notes strip
//! (step number, note, next note, timer); P opens the presenter view in a
//! second window ([`super::presenter`]), after which the main window shows
//! only the map; S turns on a spotlight that
//! dims everything but the step's focus neighbourhood; D switches the unrevealed nodes
//! between hidden and greyed; Esc leaves and restores the panels, the
//! selection and the camera exactly as they were. The mouse is drawn as a
//! laser pointer (a bright red dot).
//!
//! F5 presents the tour chosen in the Tours window, else the map's first
//! tour, else a generated one. A step whose `overlay` asks for evaluation
//! labels turns the canvas's label overlay on while it is shown (and off
//! for other steps); Esc puts the overlay back as it was.
//!
//! The step's picture (visible set, highlights, camera) comes from
//! [`crate::render::handout::step_view`], the same as the tour hand-outs; the
//! canvas applies it in `canvas/present.rs`.

use egui::{Color32, Key, Modifiers, Rect};

use super::ArgmapApp;
use super::navigation::HideOrDim;
use super::panels::PanelVisibility;
use crate::model::{Overlay, Tour};
use crate::render::handout::StepView;

/// How long the camera takes to glide to a step, in seconds (the issue
/// allows at most 400 ms).
pub const GLIDE_SECONDS: f64 = 0.35;
/// The closest present mode zooms in, in screen px per canvas px: body
/// text is then about 2.5 times its canvas size.
pub const MAX_ZOOM: f32 = 2.5;
/// The name of the tour made up when the map has none.
pub const GENERATED_TOUR: &str = "Generated tour";
/// Radius of the laser pointer's dot, in screen px.
const LASER_RADIUS: f32 = 9.0;

/// Present mode's settings and, while presenting, its session.
#[derive(Default)]
pub struct Present {
    /// How nodes not revealed yet are drawn: hidden (the default) or greyed.
    pub unrevealed: HideOrDim,
    /// Whether the presenter view (a second window) is shown while
    /// presenting; kept between presentations.
    pub presenter: bool,
    /// The running presentation, if any.
    pub(super) session: Option<Session>,
}

impl Present {
    /// A new present-mode state: not presenting, unrevealed nodes hidden.
    pub fn new() -> Present {
        Present {
            unrevealed: HideOrDim::Hide,
            presenter: false,
            session: None,
        }
    }
}

/// A running presentation.
pub(super) struct Session {
    /// The tour presented (a copy: the map is not edited while presenting).
    pub tour: Tour,
    /// The step shown, `0..tour.steps.len()`.
    pub step: usize,
    /// The panels shown before presenting, put back on leaving.
    saved_panels: PanelVisibility,
    /// The selection before presenting, put back on leaving.
    saved_selection: Vec<String>,
    /// The canvas's view and screen rectangle before presenting.
    pub saved_camera: (Rect, Rect),
    /// Whether the evaluation overlay was on before presenting.
    saved_overlay: bool,
    /// Whether the screen is blanked (B).
    pub blank: bool,
    /// Whether the notes strip is shown (N).
    pub notes: bool,
    /// Whether the spotlight is on (S): all but the step's focus dimmed.
    pub spotlight: bool,
    /// Digits typed towards a jump (Enter jumps).
    pub typed: String,
    /// When the presentation began, in egui seconds.
    pub started: f64,
    /// The step's picture, and the (step, content revision) it was worked
    /// out for.
    pub view: Option<((usize, u64), StepView)>,
    /// The next step's picture for the presenter view, and the (step,
    /// content revision) it was worked out for.
    pub next_view: Option<((usize, u64), StepView)>,
    /// The camera glide in progress.
    pub glide: Option<Glide>,
}

/// The camera moving from one step's view to the next.
#[derive(Clone, Copy, Debug)]
pub(super) struct Glide {
    /// The canvas view when the step changed, in canvas px.
    pub from: Rect,
    /// When the step changed, in egui seconds.
    pub start: f64,
}

/// Where present mode is, for tests and tools.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PresentState {
    /// The step shown, 0-based.
    pub step: usize,
    /// How many steps the tour has.
    pub steps: usize,
    /// Whether the screen is blanked.
    pub blank: bool,
    /// Whether the notes strip is shown.
    pub notes: bool,
    /// Whether the spotlight is on.
    pub spotlight: bool,
    /// Whether the presenter view is open.
    pub presenter: bool,
    /// Whether the evaluation overlay is on (the step asks for it).
    pub overlay: bool,
}

impl ArgmapApp {
    /// Starts presenting the tour chosen in the Tours window (else the
    /// map's first tour, else a generated one when the map has none): full
    /// screen, every panel hidden.
    pub fn start_presenting(&mut self, ctx: &egui::Context) {
        let map = &self.doc.map;
        let tour = match self.tour_panel.chosen(map) {
            Some(t) => t.clone(),
            None => crate::model::tour_gen::generate_tour(map, GENERATED_TOUR),
        };
        if tour.steps.is_empty() {
            self.status = "Nothing to present: the map is empty".into();
            return;
        }
        self.commit_editing();
        self.editing = None;
        let session = Session {
            tour,
            step: 0,
            saved_panels: self.panels,
            saved_selection: std::mem::take(&mut self.selection.0),
            saved_camera: self.canvas.camera(),
            saved_overlay: self.evaluation.overlay,
            blank: false,
            notes: false,
            spotlight: false,
            typed: String::new(),
            started: ctx.input(|i| i.time),
            view: None,
            next_view: None,
            glide: None,
        };
        self.panels = PanelVisibility::canvas_only();
        self.present.session = Some(session);
        self.canvas.invalidate_visibility();
        ctx.send_viewport_cmd_to(
            egui::ViewportId::ROOT,
            egui::ViewportCommand::Fullscreen(true),
        );
    }

    /// Leaves present mode: the panels, selection and camera as they were.
    pub fn stop_presenting(&mut self, ctx: &egui::Context) {
        let Some(session) = self.present.session.take() else {
            return;
        };
        self.panels = session.saved_panels;
        self.selection.0 = session.saved_selection;
        self.canvas.restore_camera(session.saved_camera);
        self.evaluation.overlay = session.saved_overlay;
        self.canvas.invalidate_visibility();
        ctx.send_viewport_cmd_to(
            egui::ViewportId::ROOT,
            egui::ViewportCommand::Fullscreen(false),
        );
    }

    /// Where present mode is, or `None` when not presenting.
    pub fn present_state(&self) -> Option<PresentState> {
        self.present.session.as_ref().map(|s| PresentState {
            step: s.step,
            steps: s.tour.steps.len(),
            blank: s.blank,
            notes: s.notes,
            spotlight: s.spotlight,
            presenter: self.present.presenter,
            overlay: self.evaluation.overlay,
        })
    }

    /// The name of the tour being presented.
    pub fn presented_tour(&self) -> Option<&str> {
        self.present.session.as_ref().map(|s| s.tour.name.as_str())
    }

    /// The canvas view (canvas px) of the last frame.
    pub fn canvas_view(&self) -> Rect {
        self.canvas.view
    }

    /// One frame of present mode, in place of the usual window content.
    pub(super) fn present_ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.present_keys(&ctx, true);
        let Some(session) = &self.present.session else {
            return;
        };
        // The step's overlay switch.
        let wants_labels = session
            .tour
            .steps
            .get(session.step)
            .is_some_and(|s| s.overlay == Some(Overlay::EvaluationLabels));
        let notes_room = session.notes && !session.blank && !self.present.presenter;
        self.evaluation.overlay = wants_labels;
        self.refresh_evaluation(&ctx);
        if notes_room {
            // Room for the notes strip: the canvas ends above it, so each
            // step's camera fits what it reveals where the audience sees it,
            // not under the strip.
            egui::Panel::bottom("present-notes-room")
                .resizable(false)
                .exact_size(notes_strip_height(ctx.content_rect()))
                .frame(egui::Frame::NONE)
                .show_separator_line(false)
                .show(ui, |_| {});
        }
        egui::CentralPanel::default()
            .frame(egui::Frame::NONE)
            .show(ui, |ui| self.canvas_ui(ui));
        let screen = ctx.content_rect();
        let painter = ctx.layer_painter(egui::LayerId::new(
            egui::Order::Foreground,
            egui::Id::unique("present overlay"),
        ));
        let Some(session) = &self.present.session else {
            return;
        };
        if session.blank {
            painter.rect_filled(screen, 0.0, Color32::BLACK);
        } else if session.notes && !self.present.presenter {
            notes_strip(&painter, screen, session, ctx.input(|i| i.time));
        }
        if let Some(p) = ctx.input(|i| i.pointer.hover_pos()) {
            ctx.set_cursor_icon(egui::CursorIcon::None);
            painter.circle_filled(
                p,
                LASER_RADIUS * 2.0,
                Color32::from_rgba_unmultiplied(255, 0, 0, 60),
            );
            painter.circle_filled(p, LASER_RADIUS, Color32::from_rgb(255, 30, 30));
        }
        if session.notes {
            // The timer ticks once a second.
            ctx.request_repaint_after(std::time::Duration::from_millis(500));
        }
        self.presenter_viewport_ui(&ctx);
        self.run_intents(&ctx);
    }

    /// Reads present mode's keys, and with `clicks` its clicks (in the main
    /// window; in the presenter window, whose `ctx` is its viewport's, a
    /// click only focuses the window).
    pub(super) fn present_keys(&mut self, ctx: &egui::Context, clicks: bool) {
        let pressed = |key: Key| ctx.input_mut(|i| i.consume_key(Modifiers::NONE, key));
        if pressed(Key::Escape) {
            self.stop_presenting(ctx);
            return;
        }
        let clicked = clicks && ctx.input(|i| i.pointer.primary_clicked());
        let Some(s) = self.present.session.as_mut() else {
            return;
        };
        let last = s.tour.steps.len().saturating_sub(1);
        let mut target = s.step;
        if pressed(Key::ArrowRight) || pressed(Key::Space) || pressed(Key::PageDown) || clicked {
            target = (s.step + 1).min(last);
        }
        if pressed(Key::ArrowLeft) || pressed(Key::PageUp) {
            target = s.step.saturating_sub(1);
        }
        if pressed(Key::Home) {
            target = 0;
        }
        if pressed(Key::End) {
            target = last;
        }
        const DIGITS: [Key; 10] = [
            Key::Num0,
            Key::Num1,
            Key::Num2,
            Key::Num3,
            Key::Num4,
            Key::Num5,
            Key::Num6,
            Key::Num7,
            Key::Num8,
            Key::Num9,
        ];
        for (d, key) in DIGITS.into_iter().enumerate() {
            if pressed(key) && s.typed.len() < 6 {
                s.typed.push(char::from(b'0' + d as u8));
            }
        }
        if pressed(Key::Enter) {
            if let Ok(n) = s.typed.parse::<usize>()
                && n >= 1
            {
                target = (n - 1).min(last);
            }
            s.typed.clear();
        }
        if pressed(Key::B) {
            s.blank = !s.blank;
        }
        if pressed(Key::N) {
            s.notes = !s.notes;
        }
        if pressed(Key::S) {
            s.spotlight = !s.spotlight;
        }
        if pressed(Key::P) {
            self.present.presenter = !self.present.presenter;
        }
        if pressed(Key::D) {
            self.present.unrevealed = match self.present.unrevealed {
                HideOrDim::Hide => HideOrDim::Dim,
                HideOrDim::Dim => HideOrDim::Hide,
            };
        }
        let s = self.present.session.as_mut().expect("checked above");
        if target != s.step {
            s.step = target;
            s.glide = Some(Glide {
                from: self.canvas.view,
                start: ctx.input(|i| i.time),
            });
        }
    }
}

/// The notes strip's height on a `screen` (px): a fifth of it, within 120–260 px.
fn notes_strip_height(screen: Rect) -> f32 {
    (screen.height() * 0.22).clamp(120.0, 260.0)
}

/// The speaker's strip along the bottom of the screen: step number, note,
/// the next step's note and the time since the presentation began.
fn notes_strip(painter: &egui::Painter, screen: Rect, session: &Session, now: f64) {
    let height = notes_strip_height(screen);
    let strip = Rect::from_min_max(egui::pos2(screen.min.x, screen.max.y - height), screen.max);
    painter.rect_filled(strip, 0.0, Color32::from_rgba_unmultiplied(20, 22, 28, 235));
    let steps = &session.tour.steps;
    let elapsed = (now - session.started).max(0.0) as u64;
    let header = format!(
        "Step {} of {}    {:02}:{:02}{}",
        session.step + 1,
        steps.len(),
        elapsed / 60,
        elapsed % 60,
        if session.typed.is_empty() {
            String::new()
        } else {
            format!("    go to {}…", session.typed)
        }
    );
    let note = steps
        .get(session.step)
        .map(|s| s.note.as_str())
        .filter(|n| !n.is_empty())
        .unwrap_or("(no note)");
    let next = match steps.get(session.step + 1) {
        Some(s) if !s.note.is_empty() => format!("Next: {}", s.note),
        Some(_) => "Next: (no note)".to_owned(),
        None => "Last step".to_owned(),
    };
    let width = strip.width() - 48.0;
    let mut y = strip.min.y + 14.0;
    let mut line = |text: String, size: f32, color: Color32| {
        let galley = painter.layout(text, egui::FontId::proportional(size), color, width);
        let h = galley.size().y;
        painter.galley(egui::pos2(strip.min.x + 24.0, y), galley, color);
        y += h + 8.0;
    };
    line(header, 18.0, Color32::from_rgb(170, 180, 195));
    line(note.to_owned(), 26.0, Color32::WHITE);
    line(next, 18.0, Color32::from_rgb(150, 160, 175));
}
