//! The canvas: the map's [`Scene`] drawn with egui's painter inside an
//! `egui::Scene` (pan by dragging empty space or scrolling, zoom with
//! Ctrl+scroll or pinch towards the pointer). Only what is visible is
//! drawn: a grid index ([`SceneIndex`]) answers what is in view, under the
//! pointer or inside a selection band, so a 10,000-node map stays fluid at
//! any zoom; zoomed far out, boxes become plain rectangles without text.
//! The pointer gestures (drag, connect, band select, in-place editing)
//! live in [`gestures`].

mod context_menu;
mod eval_overlay;
mod first_view;
mod fold_badge;
mod gestures;
mod minimap;
mod nav_bar;
#[cfg(feature = "live")]
mod presence;
pub mod present;
mod scheme_badge;
pub mod visibility;

use egui::{Color32, CornerRadius, Pos2, Rect, Sense, Stroke, StrokeKind, Vec2};

use super::ArgmapApp;
use crate::model::{InferenceKind, Pos};
use crate::scene::{self, Scene, SceneIndex, SceneOptions, TextMeasurer, ThemeName};
use visibility::{Shown, Visibility};

/// Below this on-screen font size text is not drawn (level of detail).
const MIN_TEXT_PX: f32 = 5.0;

/// The opacity of dimmed nodes (outside focus, failing a filter), 0–1.
const DIM: f32 = 0.22;

/// A request to change the zoom, taken by the canvas on its next frame.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ZoomRequest {
    /// Show the whole map ("fit map", F), never closer than 100%.
    Fit,
    /// Show the map at 100% around the current centre.
    ActualSize,
    /// The view a map opens with: readable text, the whole map if it fits
    /// readably, else the thesis with its direct reasons and objections.
    FirstView,
}

/// The canvas's own state: the scene it draws, the view, and gestures.
pub struct Canvas {
    /// A zoom change to make on the next frame (a new map is fitted).
    pub zoom_request: Option<ZoomRequest>,
    /// A node to bring into view on the next frame.
    pub reveal: Option<String>,
    measurer: std::sync::Arc<TextMeasurer>,
    /// The scene and the (document generation, content revision, theme) it shows.
    scene: Option<((u64, u64, ThemeName), Scene)>,
    /// The spatial index of the scene's boxes, connectors and edges.
    index: SceneIndex,
    /// The history revision the scene shows, so an edit can update the
    /// scene node by node ([`scene::update`]) instead of rebuilding it.
    history_revision: u64,
    /// The document's [`super::Document::remote_revision`] the scene was
    /// last built or updated for: remote edits are not in the history, so
    /// they force a rebuild.
    remote_revision: u64,
    /// The part of the canvas in view, in canvas coordinates.
    pub view: Rect,
    /// The screen rectangle the canvas had last frame.
    outer: Rect,
    /// Numbers successive drags, so the moves of one drag merge into one undo step.
    gesture: u64,
    /// A node being dragged (the moves merge under `gesture`).
    dragging: bool,
    /// A connection being dragged from the handle of this box.
    connecting: Option<String>,
    /// After dropping a connection: (from, to, where to show the menu).
    connect_menu: Option<(String, String, Pos2)>,
    /// Rubber-band selection start, in canvas coordinates.
    band: Option<Pos2>,
    /// Where the last right-click on empty canvas was, in canvas
    /// coordinates ("New statement here").
    context_at: Option<Pos2>,
    /// What is dimmed or hidden (folds, focus, filters), and the
    /// (generation, content revision, navigation revision, present step) it
    /// was computed for.
    visibility: std::sync::Arc<Visibility>,
    visibility_key: Option<(u64, u64, u64, Option<present::PresentKey>)>,
    /// The view before focus began, restored when it ends.
    view_before_focus: Option<Rect>,
    /// The view the first view left (as drawn), while nobody has moved it
    /// since: when the canvas then changes size (the window is maximised
    /// or resized just after opening), the first view is shown again for
    /// the new size instead of keeping its zoom.
    untouched_first_view: Option<Rect>,
}

impl Default for Canvas {
    fn default() -> Self {
        Canvas {
            zoom_request: Some(ZoomRequest::FirstView),
            reveal: None,
            measurer: shared_measurer(),
            scene: None,
            index: SceneIndex::default(),
            history_revision: 0,
            remote_revision: 0,
            view: Rect::from_min_size(Pos2::ZERO, Vec2::new(1200.0, 800.0)),
            outer: Rect::NOTHING,
            gesture: 1 << 32,
            dragging: false,
            connecting: None,
            connect_menu: None,
            band: None,
            context_at: None,
            visibility: std::sync::Arc::default(),
            visibility_key: None,
            view_before_focus: None,
            untouched_first_view: None,
        }
    }
}

/// One text measurer for the whole app: building its fonts is costly, and
/// the canvas is taken out of the app and put back every frame.
pub(super) fn shared_measurer() -> std::sync::Arc<TextMeasurer> {
    static MEASURER: std::sync::OnceLock<std::sync::Arc<TextMeasurer>> = std::sync::OnceLock::new();
    MEASURER
        .get_or_init(|| std::sync::Arc::new(TextMeasurer::new()))
        .clone()
}

fn c32(c: [u8; 4]) -> Color32 {
    Color32::from_rgba_unmultiplied(c[0], c[1], c[2], c[3])
}

fn p2(p: Pos) -> Pos2 {
    Pos2::new(p.x, p.y)
}

/// Canvas px beyond the view whose connectors and boxes still take part in
/// placing the titles in view, so that a title does not jump when a
/// neighbour scrolls in.
const TITLE_PLACEMENT_MARGIN: f32 = 240.0;

/// The placed titles of the connectors in and near `area` (canvas px), by
/// connector index, as [`scene::labels::place_titles`] places them among
/// the boxes, connectors and open-question badges that are not hidden.
fn connector_titles(
    painter: &egui::Painter,
    canvas: &Canvas,
    scene: &Scene,
    map: &crate::model::Map,
    area: &scene::Rect,
    vis: &Visibility,
) -> std::collections::HashMap<usize, scene::TextLine> {
    let wide = scene::Rect {
        min: Pos::new(
            area.min.x - TITLE_PLACEMENT_MARGIN,
            area.min.y - TITLE_PLACEMENT_MARGIN,
        ),
        max: Pos::new(
            area.max.x + TITLE_PLACEMENT_MARGIN,
            area.max.y + TITLE_PLACEMENT_MARGIN,
        ),
    };
    let mut near_connectors = canvas.index.connectors.query(&wide);
    near_connectors.retain(|&i| !vis.is_hidden(scene.connectors[i].node));
    let mut near_boxes = canvas.index.boxes.query(&wide);
    near_boxes.retain(|&i| !vis.is_hidden(scene.boxes[i].node));
    let width = |text: &str, size: f32| {
        painter
            .layout_no_wrap(
                text.to_owned(),
                egui::FontId::proportional(size),
                Color32::WHITE,
            )
            .size()
            .x
    };
    let badges: Vec<scene::Rect> = near_connectors
        .iter()
        .map(|&i| &scene.connectors[i])
        .filter_map(|c| {
            let open = super::schemes_panel::open_question_count(map, &c.id);
            (open > 0).then(|| srect(scheme_badge::badge_rect(c, open)))
        })
        .collect();
    let placed = scene::labels::place_titles(scene, &near_connectors, &near_boxes, &badges, &width);
    near_connectors
        .into_iter()
        .zip(placed)
        .filter_map(|(i, line)| line.map(|line| (i, line)))
        .collect()
}

fn erect(r: &scene::Rect) -> Rect {
    Rect::from_min_max(p2(r.min), p2(r.max))
}

fn srect(r: Rect) -> scene::Rect {
    scene::Rect {
        min: Pos::new(r.min.x, r.min.y),
        max: Pos::new(r.max.x, r.max.y),
    }
}

impl Canvas {
    /// Takes the scene for the current document out of the cache; hand it
    /// back with [`Canvas::put_scene`]. After edits the history can name
    /// (typing, adding a reason, a drag step) only the touched nodes are
    /// refreshed; otherwise (another document or theme, a layout, an edit
    /// too large, nodes without a position) it is rebuilt.
    fn take_scene(
        &mut self,
        app_doc: &super::Document,
        generation: u64,
        theme: ThemeName,
    ) -> ((u64, u64, ThemeName), Scene) {
        let key = (generation, app_doc.content_revision, theme);
        let options = SceneOptions {
            theme,
            ..SceneOptions::default()
        };
        let history_revision = app_doc.history.revision();
        let cached = self.scene.take();
        let since = std::mem::replace(&mut self.history_revision, history_revision);
        let remote = std::mem::replace(&mut self.remote_revision, app_doc.remote_revision);
        let local_only = remote == app_doc.remote_revision;
        match cached {
            Some((k, scene)) if k == key => (k, scene),
            Some(((g, _, t), mut scene)) if g == generation && t == theme => {
                let touched = app_doc.history.touched_since(since).filter(|_| local_only);
                let updated = touched.is_some_and(|touched| {
                    scene::update(
                        &mut scene,
                        &mut self.index,
                        &app_doc.map,
                        &self.measurer,
                        &options,
                        &touched,
                    )
                });
                if !updated {
                    scene = scene::build(&app_doc.map, &self.measurer, &options);
                    self.index = SceneIndex::new(&scene);
                }
                (key, scene)
            }
            _ => {
                let built = scene::build(&app_doc.map, &self.measurer, &options);
                self.index = SceneIndex::new(&built);
                (key, built)
            }
        }
    }

    fn put_scene(&mut self, key: (u64, u64, ThemeName), scene: Scene) {
        self.scene = Some((key, scene));
    }

    /// The text measurer the scene is built with (shared with layout jobs).
    pub fn measurer(&self) -> std::sync::Arc<TextMeasurer> {
        self.measurer.clone()
    }

    /// The boxes and connectors of the scene last drawn, in canvas pixels:
    /// what a new statement must not land on. `None` before the first frame.
    pub(super) fn drawn_rects(&self) -> Option<Vec<scene::Rect>> {
        let (_, scene) = self.scene.as_ref()?;
        let boxes = scene.boxes.iter().map(|b| b.rect);
        let connectors = scene
            .connectors
            .iter()
            .map(|c| scene::Rect::from_center_size(c.center, (2.0 * c.radius, 2.0 * c.radius)));
        Some(boxes.chain(connectors).collect())
    }

    /// The zoom factor: screen pixels per canvas pixel.
    pub fn zoom(&self) -> f32 {
        if self.outer.is_positive() && self.view.is_positive() {
            (self.outer.width() / self.view.width()).min(self.outer.height() / self.view.height())
        } else {
            1.0
        }
    }

    /// Canvas coordinates of a screen position.
    pub fn canvas_from_screen(&self, p: Pos2) -> Pos2 {
        let z = self.zoom();
        self.view.center() + (p - self.outer.center()) / z
    }

    /// Screen position of a canvas position.
    pub fn screen_from_canvas(&self, p: Pos2) -> Pos2 {
        let z = self.zoom();
        self.outer.center() + (p - self.view.center()) * z
    }

    /// Shows all of `bounds`, but never closer than 100%: a small or empty
    /// map (File > New) opens at actual size, centred.
    fn fit(&mut self, bounds: Rect) {
        let size = self.outer.size();
        if !bounds.is_positive() {
            self.view = Rect::from_center_size(Pos2::ZERO, size);
            return;
        }
        let wanted = bounds.expand(20.0);
        self.view = if size.x >= wanted.width() && size.y >= wanted.height() {
            Rect::from_center_size(wanted.center(), size)
        } else {
            wanted
        };
    }

    /// Takes the screen rectangle of this frame. When it changed size (a
    /// side panel or the window was resized) the zoom is kept and what was
    /// on screen stays where it was, instead of stretching the view.
    fn set_outer(&mut self, outer: Rect) {
        let resized = self.outer.is_positive() && outer.size() != self.outer.size();
        if resized
            && self
                .untouched_first_view
                .is_some_and(|u| nearly_same(u, self.view))
        {
            self.zoom_request.get_or_insert(ZoomRequest::FirstView);
        }
        if self.outer.is_positive() && outer.is_positive() && outer != self.outer {
            let z = self.zoom();
            let min = self.canvas_from_screen(outer.min);
            self.view = Rect::from_min_size(min, outer.size() / z);
        }
        self.outer = outer;
    }

    fn centre_on(&mut self, p: Pos2) {
        self.view = Rect::from_center_size(p, self.view.size());
    }

    /// Keeps the current view, to go back to with [`Canvas::restore_view`].
    pub fn remember_view(&mut self) {
        self.view_before_focus = Some(self.view);
    }

    /// Goes back to the view kept by [`Canvas::remember_view`], if any.
    pub fn restore_view(&mut self) {
        if let Some(v) = self.view_before_focus.take() {
            self.view = v;
        }
    }

    /// What stands in the app for the canvas while the canvas draws itself.
    fn placeholder() -> Canvas {
        Canvas {
            zoom_request: None,
            ..Canvas::default()
        }
    }

    /// Keeps the requests made to `placeholder` while this canvas was taken
    /// out of the app for a frame (an edit during a gesture reveals its node).
    fn keep_requests_of(&mut self, placeholder: Canvas) {
        if placeholder.reveal.is_some() {
            self.reveal = placeholder.reveal;
        }
        if placeholder.zoom_request.is_some() {
            self.zoom_request = placeholder.zoom_request;
        }
    }
}

/// Whether two views differ by less than half a canvas pixel at each corner.
fn nearly_same(a: Rect, b: Rect) -> bool {
    (a.min - b.min).length() < 0.5 && (a.max - b.max).length() < 0.5
}

impl ArgmapApp {
    /// The canvas in the central panel.
    pub(super) fn canvas_ui(&mut self, ui: &mut egui::Ui) {
        let theme = if ui.visuals().dark_mode {
            ThemeName::Dark
        } else {
            ThemeName::Light
        };
        let generation = self.generation;
        let mut canvas = std::mem::replace(&mut self.canvas, Canvas::placeholder());
        canvas.set_outer(ui.available_rect_before_wrap());
        let (scene_key, scene) = canvas.take_scene(&self.doc, generation, theme);
        let present_key = self.present_key(&scene);
        let vis_key = (
            generation,
            self.doc.content_revision,
            self.nav.revision,
            present_key,
        );
        if canvas.visibility_key != Some(vis_key) {
            let mut vis = Visibility::compute(
                &self.doc.map,
                &self.doc.map.view().folded,
                self.nav.focus.as_ref(),
                &self.nav.filters,
            );
            if let Some(reveal) = self.present_reveal() {
                vis = vis.with_reveal(&self.doc.map, &reveal);
            }
            canvas.visibility = std::sync::Arc::new(vis);
            canvas.visibility_key = Some(vis_key);
        }
        let bounds = erect(&scene.bounds);
        let mut first_view_now = false;
        match canvas.zoom_request.take() {
            Some(ZoomRequest::Fit) => {
                // On opening a map, and on "fit map" (F): the whole map. Zoomed
                // far out, boxes are plain rectangles until the user zooms in.
                canvas.fit(bounds);
            }
            Some(ZoomRequest::FirstView) => {
                canvas.view = first_view::first_view(&self.doc.map, &scene, canvas.outer.size());
                first_view_now = true;
            }
            Some(ZoomRequest::ActualSize) => {
                let c = canvas.view.center();
                canvas.view = Rect::from_center_size(c, canvas.outer.size());
            }
            None => {}
        }
        if let Some(view) = self.present_view(canvas.outer.size(), ui.ctx()) {
            canvas.view = view;
        }
        if let Some(id) = canvas.reveal.take() {
            let target = scene
                .boxes
                .iter()
                .find(|b| b.id == id)
                .map(|b| erect(&b.rect).center())
                .or_else(|| {
                    scene
                        .connectors
                        .iter()
                        .find(|c| c.id == id)
                        .map(|c| p2(c.center))
                });
            if let Some(p) = target {
                canvas.centre_on(p);
            }
        }
        // Shift-drag (and a band already started) selects instead of panning.
        let shift = ui.input(|i| i.modifiers.shift) || canvas.band.is_some();
        let pan_buttons = if shift {
            egui::containers::DragPanButtons::SECONDARY | egui::containers::DragPanButtons::MIDDLE
        } else {
            egui::containers::DragPanButtons::all()
        };
        let mut view = canvas.view;
        let response = egui::Scene::new()
            .zoom_range(0.01..=4.0)
            .drag_pan_buttons(pan_buttons)
            .show(ui, &mut view, |ui| {
                self.draw_scene_ui(ui, &mut canvas, &scene)
            })
            .response;
        canvas.view = view;
        // egui's scene round-trips the view through a transform every
        // frame, so "untouched" allows float drift and follows it.
        let untouched = canvas
            .untouched_first_view
            .is_some_and(|u| nearly_same(u, view));
        canvas.untouched_first_view = (first_view_now || untouched).then_some(view);
        if self.nav.minimap && self.present.session.is_none() {
            canvas.minimap_ui(ui, &scene);
        }
        if self.present.session.is_none() {
            self.background_input(ui, &mut canvas, &response, &scene);
            self.background_menu_ui(&mut canvas, &response);
            self.finish_connecting(ui, &mut canvas, &scene);
            self.connect_menu_ui(ui, &mut canvas);
        }
        canvas.put_scene(scene_key, scene);
        let placeholder = std::mem::replace(&mut self.canvas, canvas);
        self.canvas.keep_requests_of(placeholder);
    }

    fn draw_scene_ui(&mut self, ui: &mut egui::Ui, canvas: &mut Canvas, scene: &Scene) {
        let painter = ui.painter().clone();
        let clip = ui.clip_rect();
        let area = srect(clip);
        let zoom = canvas.zoom();
        let presenting = self.present.session.is_some();
        let detailed = scene::BODY_SIZE * zoom >= MIN_TEXT_PX;
        let selection_color = ui.visuals().selection.stroke.color;
        let hovered_id = ui
            .input(|i| i.pointer.hover_pos())
            .map(|p| canvas.canvas_from_screen(p))
            .and_then(|p| canvas.index.box_at(Pos::new(p.x, p.y)))
            .map(|i| scene.boxes[i].node);
        painter.rect_filled(clip, CornerRadius::ZERO, c32(scene.theme.background));
        let vis = canvas.visibility.clone();
        let mut boxes = canvas.index.boxes.query(&area);
        let mut edges = canvas.index.edges.query(&area);
        let mut connectors = canvas.index.connectors.query(&area);
        if !vis.shows_everything() {
            boxes.retain(|&i| !vis.is_hidden(scene.boxes[i].node));
            edges.retain(|&k| {
                let e = &scene.edges[k];
                !vis.is_hidden(e.from) && !vis.is_hidden(e.to)
            });
            connectors.retain(|&i| !vis.is_hidden(scene.connectors[i].node));
        }
        let hovered_id = hovered_id.filter(|&n| !vis.is_hidden(n));
        // Dimmed nodes (outside focus, failing a filter) are drawn faded.
        let fade = |c: Color32, dim: bool| if dim { c.gamma_multiply(DIM) } else { c };

        if !detailed {
            painter.add(lod_mesh(scene, &boxes, &edges, clip, zoom, &vis));
            if self.evaluation.overlay {
                eval_overlay::paint(&painter, &self.evaluation, scene, &boxes, &[], zoom, false);
            }
            for &i in &boxes {
                let b = &scene.boxes[i];
                if self.selection.contains(&b.id) {
                    let stroke = Stroke::new(2.0 / zoom, selection_color);
                    painter.rect_stroke(
                        erect(&b.rect),
                        CornerRadius::ZERO,
                        stroke,
                        StrokeKind::Outside,
                    );
                }
            }
            #[cfg(feature = "live")]
            presence::paint(&painter, scene, &boxes, &self.live.others, zoom);
            self.connecting_line_ui(ui, canvas, scene);
            return;
        }
        for &k in &edges {
            let edge = &scene.edges[k];
            let pts: Vec<Pos2> = edge.line_points().into_iter().map(p2).collect();
            let hot = hovered_id.is_some_and(|h| h == edge.from || h == edge.to);
            let width = if hot { edge.width * 2.2 } else { edge.width };
            let dim = vis.of(edge.from) == Shown::Dimmed || vis.of(edge.to) == Shown::Dimmed;
            let color = fade(c32(edge.color), dim);
            let stroke = Stroke::new(width, color);
            if edge.dashed {
                painter.extend(egui::Shape::dashed_line(&pts, stroke, 6.0, 4.0));
            } else {
                painter.add(egui::Shape::line(pts, stroke));
            }
            if let Some(tri) = edge.arrowhead() {
                painter.add(egui::Shape::convex_polygon(
                    tri.into_iter().map(p2).collect(),
                    color,
                    Stroke::NONE,
                ));
            }
        }
        let titles = connector_titles(&painter, canvas, scene, &self.doc.map, &area, &vis);
        for &i in &connectors {
            let c = &scene.connectors[i];
            let centre = p2(c.center);
            let selected = self.selection.contains(&c.id);
            let dim = vis.of(c.node) == Shown::Dimmed;
            let stroke = if selected {
                Stroke::new(3.0, selection_color)
            } else {
                Stroke::new(1.0, fade(c32(scene.theme.box_stroke), dim))
            };
            painter.circle(centre, c.radius, fade(c32(c.fill), dim), stroke);
            if let Some(title) = titles.get(&i) {
                painter.text(
                    p2(title.pos),
                    egui::Align2::LEFT_TOP,
                    &*scene::bidi::for_shaper(&title.text),
                    egui::FontId::proportional(title.size),
                    fade(c32(scene.theme.muted_text), dim),
                );
            }
            if presenting {
                continue;
            }
            let r = Rect::from_center_size(centre, Vec2::splat(c.radius * 2.0));
            let response = ui.interact(r, ui.scope_id().with(("connector", &c.id)), Sense::click());
            if response.clicked() {
                self.click_select(ui, &c.id);
            }
            self.connector_menu_ui(&response, &c.id);
            let tip = match (c.kind, c.undercut) {
                (InferenceKind::Support, _) => "support",
                (InferenceKind::Conflict, true) => "undercut",
                (InferenceKind::Conflict, false) => "attack",
                (InferenceKind::Rephrase, _) => "rephrase",
            };
            response.on_hover_text(tip);
            self.scheme_badge_ui(ui, c);
        }
        let editing_id = self.editing.as_ref().map(|e| e.id.clone());
        let highlight = c32(crate::render::handout::HIGHLIGHT);
        for &i in &boxes {
            let b = &scene.boxes[i];
            let rect = erect(&b.rect);
            let selected = self.selection.contains(&b.id);
            let hot = hovered_id == Some(b.node);
            let dim = vis.of(b.node) == Shown::Dimmed;
            let stroke = if vis.is_highlighted(b.node) {
                Stroke::new(crate::render::handout::HIGHLIGHT_WIDTH, highlight)
            } else if selected {
                Stroke::new(3.0, selection_color)
            } else if hot && !presenting {
                Stroke::new(b.stroke_width * 2.0, fade(c32(b.stroke), dim))
            } else {
                Stroke::new(b.stroke_width, fade(c32(b.stroke), dim))
            };
            let text_color = fade(c32(scene.theme.text), dim);
            painter.rect(
                rect,
                CornerRadius::same(b.corner_radius as u8),
                fade(c32(b.fill), dim),
                stroke,
                StrokeKind::Inside,
            );
            if editing_id.as_deref() != Some(b.id.as_str()) {
                for line in &b.lines {
                    let font = egui::FontId::proportional(line.size);
                    let pos = p2(line.pos);
                    // egui places runs in logical order: hand it visual order.
                    let text = scene::bidi::for_shaper(&line.text);
                    if line.bold {
                        painter.text(
                            pos + Vec2::new(0.4, 0.0),
                            egui::Align2::LEFT_TOP,
                            &*text,
                            font.clone(),
                            text_color,
                        );
                    }
                    painter.text(pos, egui::Align2::LEFT_TOP, &*text, font, text_color);
                }
            }
            if let Some((centre, radius)) = b.badge {
                painter.circle_filled(p2(centre), radius, c32(scene.theme.badge_fill));
                painter.text(
                    p2(centre),
                    egui::Align2::CENTER_CENTER,
                    b.evidence_count.to_string(),
                    egui::FontId::proportional(scene::BADGE_TEXT_SIZE),
                    c32(scene.theme.badge_text),
                );
            }
            if !presenting {
                self.box_interaction_ui(ui, canvas, scene, b, rect);
                self.fold_badge_ui(ui, b, rect, &vis);
            }
        }
        if self.evaluation.overlay {
            let ev = &self.evaluation;
            eval_overlay::paint(&painter, ev, scene, &boxes, &connectors, zoom, true);
        }
        #[cfg(feature = "live")]
        presence::paint(&painter, scene, &boxes, &self.live.others, zoom);
        self.connecting_line_ui(ui, canvas, scene);
        self.in_place_edit_ui(ui, scene);
    }

    fn click_select(&mut self, ui: &egui::Ui, id: &str) {
        self.commit_editing();
        if ui.input(|i| i.modifiers.shift) {
            self.selection.toggle(id);
        } else {
            self.selection.set(id.to_owned());
        }
        self.outline.reveal = Some(id.to_owned());
    }
}

/// Zoomed far out: the visible boxes as plain rectangles and the visible
/// edges as thin lines, all in one mesh (no text, connectors or
/// arrowheads), so a 10,000-node map costs one shape instead of fifty
/// thousand.
fn lod_mesh(
    scene: &Scene,
    boxes: &[usize],
    edges: &[usize],
    clip: Rect,
    zoom: f32,
    vis: &Visibility,
) -> egui::Shape {
    let mut mesh = egui::Mesh::default();
    let half_width = 0.6 / zoom.max(1e-3);
    let fade = |c: Color32, ix| {
        if vis.of(ix) == Shown::Dimmed {
            c.gamma_multiply(DIM)
        } else {
            c
        }
    };
    for &k in edges {
        let edge = &scene.edges[k];
        let color = fade(fade(c32(edge.color), edge.from), edge.to);
        for w in edge.points.windows(2) {
            let (a, b) = (p2(w[0]), p2(w[1]));
            if !Rect::from_two_pos(a, b).expand(half_width).intersects(clip) {
                continue;
            }
            let d = b - a;
            let len = d.length();
            if len <= f32::EPSILON {
                continue;
            }
            let n = Vec2::new(-d.y, d.x) / len * half_width;
            let base = mesh.vertices.len() as u32;
            for p in [a + n, a - n, b - n, b + n] {
                mesh.colored_vertex(p, color);
            }
            mesh.add_triangle(base, base + 1, base + 2);
            mesh.add_triangle(base, base + 2, base + 3);
        }
    }
    for &i in boxes {
        let b = &scene.boxes[i];
        mesh.add_colored_rect(erect(&b.rect), fade(c32(b.fill), b.node));
    }
    egui::Shape::mesh(mesh)
}

/// The statement or connector at canvas position `p` (connectors first:
/// they are small and drawn over the edges between boxes).
fn node_at(scene: &Scene, canvas: &Canvas, p: Pos2) -> Option<String> {
    let p = Pos::new(p.x, p.y);
    let (index, vis) = (&canvas.index, &canvas.visibility);
    index
        .connector_at(scene, p, 4.0)
        .filter(|&i| !vis.is_hidden(scene.connectors[i].node))
        .map(|i| scene.connectors[i].id.clone())
        .or_else(|| {
            index
                .box_at(p)
                .filter(|&i| !vis.is_hidden(scene.boxes[i].node))
                .map(|i| scene.boxes[i].id.clone())
        })
}

/// Where the scene draws node `id` (its centre), also for a node with no
/// stored position.
fn shown_pos(scene: &Scene, id: &str) -> Option<Pos> {
    scene
        .boxes
        .iter()
        .find(|b| b.id == id)
        .map(|b| b.rect.center())
        .or_else(|| {
            scene
                .connectors
                .iter()
                .find(|c| c.id == id)
                .map(|c| c.center)
        })
}

impl ArgmapApp {
    /// Where node `id` is on screen in the last frame drawn (for tests and
    /// tools driving the canvas by pointer), if the canvas has shown it.
    pub fn node_screen_rect(&self, id: &str) -> Option<Rect> {
        let (_, scene) = self.canvas.scene.as_ref()?;
        let ix = self.doc.map.index_of(id)?;
        if self.canvas.visibility.is_hidden(ix) {
            return None;
        }
        let r = scene
            .boxes
            .iter()
            .find(|b| b.id == id)
            .map(|b| erect(&b.rect))
            .or_else(|| {
                scene
                    .connectors
                    .iter()
                    .find(|c| c.id == id)
                    .map(|c| Rect::from_center_size(p2(c.center), Vec2::splat(2.0 * c.radius)))
            })?;
        let c = &self.canvas;
        Some(Rect::from_two_pos(
            c.screen_from_canvas(r.min),
            c.screen_from_canvas(r.max),
        ))
    }

    /// The text lines the canvas draws in node `id`'s box, joined by
    /// spaces, as of the last frame (for tests); `None` if not drawn.
    pub fn drawn_text(&self, id: &str) -> Option<String> {
        let (_, scene) = self.canvas.scene.as_ref()?;
        let b = scene.boxes.iter().find(|b| b.id == id)?;
        let lines: Vec<&str> = b.lines.iter().map(|l| l.text.as_str()).collect();
        Some(lines.join(" "))
    }

    /// Ids of the statements the canvas draws (not hidden by a fold, focus
    /// or filter; dimmed ones count), in natural id order, as of the last frame.
    pub fn visible_on_canvas(&self) -> Vec<String> {
        self.statements_where(|ix| !self.canvas.visibility.is_hidden(ix))
    }

    /// Ids of the statements whose node satisfies `keep`, in natural id order.
    pub(super) fn statements_where(
        &self,
        keep: impl Fn(crate::model::NodeIx) -> bool,
    ) -> Vec<String> {
        let map = &self.doc.map;
        map.nodes_sorted()
            .into_iter()
            .filter(|n| n.is_statement())
            .filter(|n| map.index_of(&n.id).is_some_and(&keep))
            .map(|n| n.id.clone())
            .collect()
    }

    /// The screen rectangle the canvas occupied in the last frame.
    pub fn canvas_screen_rect(&self) -> Rect {
        self.canvas.outer
    }
}

impl ArgmapApp {
    /// Shows the canvas at `zoom` (screen pixels per canvas pixel) centred
    /// on `center` (canvas pixels), from the next frame on; for benchmarks
    /// and tools driving the canvas. Takes effect after the canvas has
    /// been shown once (it needs its screen size).
    pub fn set_canvas_view(&mut self, center: Pos, zoom: f32) {
        let size = self.canvas.outer.size() / zoom.max(1e-3);
        self.canvas.view = Rect::from_center_size(p2(center), size);
    }
}
