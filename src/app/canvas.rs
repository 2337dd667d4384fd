//! The canvas: the map's [`Scene`] drawn with egui's painter inside an
//! `egui::Scene` (pan by dragging empty space or scrolling, zoom with
//! Ctrl+scroll or pinch towards the pointer). Only what is visible is
//! drawn; zoomed far out, boxes become plain rectangles without text.

use egui::{Color32, CornerRadius, Pos2, Rect, Sense, Stroke, StrokeKind, Vec2};

use super::{ArgmapApp, Intent};
use crate::model::{InferenceKind, Pos};
use crate::ops::Command;
use crate::scene::{self, Scene, SceneOptions, TextMeasurer, ThemeName};

/// The smallest zoom at which the first view of a map is shown: text stays readable.
const READABLE_ZOOM: f32 = 0.7;

/// Below this on-screen font size text is not drawn (level of detail).
const MIN_TEXT_PX: f32 = 5.0;

/// The canvas's own state: the scene it draws, the view, and gestures.
pub struct Canvas {
    measurer: std::sync::Arc<TextMeasurer>,
    /// The scene and the (document generation, content revision, theme) it shows.
    scene: Option<((u64, u64, ThemeName), Scene)>,
    /// Bounding boxes of the scene's edges, by index, for culling.
    edge_bounds: Vec<Rect>,
    /// The part of the canvas in view, in canvas coordinates.
    pub view: Rect,
    /// The screen rectangle the canvas had last frame.
    outer: Rect,
    /// Numbers successive drags, so the moves of one drag merge into one undo step.
    gesture: u64,
    /// A node being dragged (the moves merge under `gesture`).
    dragging: bool,
    /// A connection being dragged from a box's handle: (from id, pointer in canvas).
    connecting: Option<(String, Pos2)>,
    /// After dropping a connection: (from, to, where to show the menu).
    connect_menu: Option<(String, String, Pos2)>,
    /// Rubber-band selection start, in canvas coordinates.
    band: Option<Pos2>,
}

impl Default for Canvas {
    fn default() -> Self {
        Canvas {
            measurer: shared_measurer(),
            scene: None,
            edge_bounds: Vec::new(),
            view: Rect::from_min_size(Pos2::ZERO, Vec2::new(1200.0, 800.0)),
            outer: Rect::NOTHING,
            gesture: 1 << 32,
            dragging: false,
            connecting: None,
            connect_menu: None,
            band: None,
        }
    }
}

/// One text measurer for the whole app: building its fonts is costly, and
/// the canvas is taken out of the app and put back every frame.
fn shared_measurer() -> std::sync::Arc<TextMeasurer> {
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

fn erect(r: &scene::Rect) -> Rect {
    Rect::from_min_max(p2(r.min), p2(r.max))
}

impl Canvas {
    /// Takes the scene for the current document out of the cache (rebuilt
    /// when the map changed); hand it back with [`Canvas::put_scene`].
    fn take_scene(
        &mut self,
        app_doc: &super::Document,
        generation: u64,
        theme: ThemeName,
    ) -> ((u64, u64, ThemeName), Scene) {
        let key = (generation, app_doc.content_revision, theme);
        match self.scene.take() {
            Some((k, scene)) if k == key => (k, scene),
            _ => {
                let options = SceneOptions {
                    theme,
                    ..SceneOptions::default()
                };
                let built = scene::build(&app_doc.map, &self.measurer, &options);
                self.edge_bounds = built
                    .edges
                    .iter()
                    .map(|e| {
                        let mut bb = Rect::NOTHING;
                        for p in &e.points {
                            bb.extend_with(p2(*p));
                        }
                        bb.expand(4.0)
                    })
                    .collect();
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

    fn fit(&mut self, bounds: Rect) {
        if bounds.is_positive() {
            self.view = bounds.expand(20.0);
        }
    }

    fn centre_on(&mut self, p: Pos2) {
        self.view = Rect::from_center_size(p, self.view.size());
    }
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
        let mut canvas = std::mem::take(&mut self.canvas);
        canvas.outer = ui.available_rect_before_wrap();
        let (scene_key, scene) = canvas.take_scene(&self.doc, generation, theme);
        let bounds = erect(&scene.bounds);
        match self.zoom_request.take() {
            Some(true) => {
                // On opening a map: the whole map when it is readable that
                // way, otherwise its top (the thesis) at a readable zoom.
                canvas.fit(bounds);
                if self.first_view && canvas.zoom() < READABLE_ZOOM {
                    let size = canvas.outer.size() / READABLE_ZOOM;
                    let top = Pos2::new(bounds.center().x, bounds.min.y);
                    canvas.view = Rect::from_min_size(top - Vec2::new(size.x / 2.0, 0.0), size);
                    if let Some(thesis) = scene
                        .boxes
                        .iter()
                        .find(|b| b.role == crate::model::Role::Thesis)
                    {
                        let r = erect(&thesis.rect);
                        canvas.view = Rect::from_min_size(
                            Pos2::new(r.center().x - size.x / 2.0, r.min.y - 40.0),
                            size,
                        );
                    }
                }
            }
            Some(false) => {
                let c = canvas.view.center();
                canvas.view = Rect::from_center_size(c, canvas.outer.size());
            }
            None => {}
        }
        if let Some(id) = self.reveal.take() {
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
        self.first_view = false;
        let shift = ui.input(|i| i.modifiers.shift);
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
        self.zoom = canvas.zoom();
        self.background_input(ui, &mut canvas, &response, &scene);
        self.connect_menu_ui(ui, &mut canvas);
        canvas.put_scene(scene_key, scene);
        self.canvas = canvas;
    }

    fn background_input(
        &mut self,
        ui: &egui::Ui,
        canvas: &mut Canvas,
        response: &egui::Response,
        scene: &Scene,
    ) {
        let pointer = ui.input(|i| i.pointer.interact_pos());
        if response.double_clicked()
            && let Some(p) = pointer
        {
            let at = canvas.canvas_from_screen(p);
            let edit = super::editing::new_statement(&mut self.doc.map, Pos::new(at.x, at.y));
            self.apply_edit(Some(edit), "New statement");
        } else if response.clicked() {
            self.commit_editing();
            // Zoomed far out boxes have no widgets of their own: hit-test here.
            let hit = pointer.and_then(|p| node_at(scene, canvas.canvas_from_screen(p)));
            match hit {
                Some(id) => self.click_select(ui, &id),
                None if !ui.input(|i| i.modifiers.shift) => self.selection.0.clear(),
                None => {}
            }
        }
        // Shift-drag on empty space selects the boxes inside the band.
        let shift = ui.input(|i| i.modifiers.shift);
        if shift && response.drag_started_by(egui::PointerButton::Primary) {
            canvas.band = pointer.map(|p| canvas.canvas_from_screen(p));
        }
        if let (Some(start), Some(p)) = (canvas.band, pointer) {
            let end = canvas.canvas_from_screen(p);
            let band = Rect::from_two_pos(start, end);
            if response.drag_stopped() || !ui.input(|i| i.pointer.primary_down()) {
                for b in &scene.boxes {
                    if band.contains_rect(erect(&b.rect)) && !self.selection.contains(&b.id) {
                        self.selection.0.push(b.id.clone());
                    }
                }
                canvas.band = None;
            } else {
                let screen = Rect::from_two_pos(p, p + (start - end) * canvas.zoom());
                ui.painter().rect_stroke(
                    screen,
                    CornerRadius::ZERO,
                    Stroke::new(1.0, ui.visuals().selection.stroke.color),
                    StrokeKind::Inside,
                );
            }
        }
    }

    fn draw_scene_ui(&mut self, ui: &mut egui::Ui, canvas: &mut Canvas, scene: &Scene) {
        let painter = ui.painter().clone();
        let clip = ui.clip_rect();
        let zoom = canvas.zoom();
        let detailed = scene::BODY_SIZE * zoom >= MIN_TEXT_PX;
        let selection_color = ui.visuals().selection.stroke.color;
        let hovered_id = ui
            .input(|i| i.pointer.hover_pos())
            .map(|p| canvas.canvas_from_screen(p))
            .and_then(|p| {
                scene
                    .boxes
                    .iter()
                    .find(|b| erect(&b.rect).contains(p))
                    .map(|b| b.node)
            });
        painter.rect_filled(clip, CornerRadius::ZERO, c32(scene.theme.background));

        if !detailed {
            painter.add(lod_mesh(scene, clip, zoom));
            for b in &scene.boxes {
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
            return;
        }
        for (k, edge) in scene.edges.iter().enumerate() {
            if canvas
                .edge_bounds
                .get(k)
                .is_some_and(|bb| !bb.intersects(clip))
            {
                continue;
            }
            let pts: Vec<Pos2> = edge.line_points().into_iter().map(p2).collect();
            let hot = hovered_id.is_some_and(|h| h == edge.from || h == edge.to);
            let width = if hot { edge.width * 2.2 } else { edge.width };
            let stroke = Stroke::new(width, c32(edge.color));
            if edge.dashed {
                painter.extend(egui::Shape::dashed_line(&pts, stroke, 6.0, 4.0));
            } else {
                painter.add(egui::Shape::line(pts, stroke));
            }
            if let Some(tri) = edge.arrowhead() {
                painter.add(egui::Shape::convex_polygon(
                    tri.into_iter().map(p2).collect(),
                    c32(edge.color),
                    Stroke::NONE,
                ));
            }
        }
        for c in &scene.connectors {
            let centre = p2(c.center);
            if !clip.expand(c.radius).contains(centre) {
                continue;
            }
            let selected = self.selection.contains(&c.id);
            let stroke = if selected {
                Stroke::new(3.0, selection_color)
            } else {
                Stroke::new(1.0, c32(scene.theme.box_stroke))
            };
            painter.circle(centre, c.radius, c32(c.fill), stroke);
            if detailed {
                let r = Rect::from_center_size(centre, Vec2::splat(c.radius * 2.0));
                let response =
                    ui.interact(r, ui.scope_id().with(("connector", &c.id)), Sense::click());
                if response.clicked() {
                    self.click_select(ui, &c.id);
                }
                let tip = match (c.kind, c.undercut) {
                    (InferenceKind::Support, _) => "support",
                    (InferenceKind::Conflict, true) => "undercut",
                    (InferenceKind::Conflict, false) => "attack",
                    (InferenceKind::Rephrase, _) => "rephrase",
                };
                response.on_hover_text(tip);
            }
        }
        let editing_id = self.editing.as_ref().map(|e| e.id.clone());
        for b in &scene.boxes {
            let rect = erect(&b.rect);
            if !rect.intersects(clip) {
                continue;
            }
            let selected = self.selection.contains(&b.id);
            let hot = hovered_id == Some(b.node);
            let stroke = if selected {
                Stroke::new(3.0, selection_color)
            } else if hot {
                Stroke::new(b.stroke_width * 2.0, c32(b.stroke))
            } else {
                Stroke::new(b.stroke_width, c32(b.stroke))
            };
            painter.rect(
                rect,
                CornerRadius::same(b.corner_radius as u8),
                c32(b.fill),
                stroke,
                StrokeKind::Inside,
            );
            if editing_id.as_deref() != Some(b.id.as_str()) {
                for line in &b.lines {
                    let font = egui::FontId::proportional(line.size);
                    let pos = p2(line.pos);
                    if line.bold {
                        painter.text(
                            pos + Vec2::new(0.4, 0.0),
                            egui::Align2::LEFT_TOP,
                            &line.text,
                            font.clone(),
                            c32(scene.theme.text),
                        );
                    }
                    painter.text(
                        pos,
                        egui::Align2::LEFT_TOP,
                        &line.text,
                        font,
                        c32(scene.theme.text),
                    );
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
            self.box_interaction_ui(ui, canvas, scene, b, rect);
        }
        if let Some((from, pointer)) = &canvas.connecting
            && let Some(b) = scene.boxes.iter().find(|b| &b.id == from)
        {
            painter.line_segment(
                [erect(&b.rect).center_bottom(), *pointer],
                Stroke::new(2.0, selection_color),
            );
        }
        self.in_place_edit_ui(ui, scene);
    }

    fn click_select(&mut self, ui: &egui::Ui, id: &str) {
        self.commit_editing();
        if ui.input(|i| i.modifiers.shift) {
            self.selection.toggle(id);
        } else {
            self.selection.set(id.to_owned());
        }
        self.reveal_in_outline = Some(id.to_owned());
    }

    fn box_interaction_ui(
        &mut self,
        ui: &mut egui::Ui,
        canvas: &mut Canvas,
        scene: &Scene,
        b: &scene::SceneBox,
        rect: Rect,
    ) {
        let response = ui.interact(
            rect,
            ui.scope_id().with(("box", &b.id)),
            Sense::click_and_drag(),
        );
        if response.clicked() {
            self.click_select(ui, &b.id);
        }
        if response.double_clicked() {
            self.selection.set(b.id.clone());
            self.start_editing(&b.id);
        }
        if response.drag_started() {
            canvas.gesture += 1;
            canvas.dragging = true;
            if !self.selection.contains(&b.id) {
                self.selection.set(b.id.clone());
            }
        }
        if response.dragged() {
            let delta = response.drag_delta();
            if delta != Vec2::ZERO
                && let Some(cmd) =
                    super::editing::nudge(&self.doc.map, &self.selection, delta.x, delta.y)
            {
                self.push(Intent::ApplyMerging(cmd, canvas.gesture));
            }
        }
        if response.drag_stopped() {
            canvas.dragging = false;
        }
        // The connection handle under the box, for the selected or hovered box.
        if self.selection.contains(&b.id) || response.hovered() {
            let handle = Rect::from_center_size(
                rect.center_bottom() + Vec2::new(0.0, 7.0),
                Vec2::splat(12.0),
            );
            let h = ui.interact(handle, ui.scope_id().with(("handle", &b.id)), Sense::drag());
            ui.painter().circle(
                handle.center(),
                5.0,
                ui.visuals().selection.bg_fill,
                Stroke::new(1.0, ui.visuals().selection.stroke.color),
            );
            let h = h.on_hover_text("Drag onto another box or connector to connect");
            if h.dragged()
                && let Some(p) = ui.input(|i| i.pointer.interact_pos())
            {
                canvas.connecting = Some((b.id.clone(), canvas.canvas_from_screen(p)));
            }
            if h.drag_stopped()
                && let Some((from, at)) = canvas.connecting.take()
                && let Some(to) = node_at(scene, at)
                && to != from
            {
                let screen = ui.input(|i| i.pointer.interact_pos()).unwrap_or_default();
                canvas.connect_menu = Some((from, to, screen));
            }
        }
    }
}

/// Zoomed far out: every visible box as a plain rectangle and every visible
/// edge as a thin line, all in one mesh (no text, connectors or arrowheads),
/// so a 10,000-node map costs one shape instead of fifty thousand.
fn lod_mesh(scene: &Scene, clip: Rect, zoom: f32) -> egui::Shape {
    let mut mesh = egui::Mesh::default();
    let half_width = 0.6 / zoom.max(1e-3);
    for edge in &scene.edges {
        let color = c32(edge.color);
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
    for b in &scene.boxes {
        let rect = erect(&b.rect);
        if rect.intersects(clip) {
            mesh.add_colored_rect(rect, c32(b.fill));
        }
    }
    egui::Shape::mesh(mesh)
}

/// The statement or connector at canvas position `p`.
fn node_at(scene: &Scene, p: Pos2) -> Option<String> {
    scene
        .connectors
        .iter()
        .find(|c| p2(c.center).distance(p) <= c.radius + 4.0)
        .map(|c| c.id.clone())
        .or_else(|| {
            scene
                .boxes
                .iter()
                .find(|b| erect(&b.rect).contains(p))
                .map(|b| b.id.clone())
        })
}

impl ArgmapApp {
    fn connect_menu_ui(&mut self, ui: &mut egui::Ui, canvas: &mut Canvas) {
        let Some((from, to, at)) = canvas.connect_menu.clone() else {
            return;
        };
        let to_inference = self.doc.map.inference(&to).is_some();
        let mut done = false;
        egui::Area::new(egui::Id::unique("connect-menu"))
            .fixed_pos(at)
            .order(egui::Order::Foreground)
            .show(ui.ctx(), |ui| {
                egui::Frame::menu(ui.style()).show(ui, |ui| {
                    let mut choice = |ui: &mut egui::Ui, label: &str, kind: InferenceKind| {
                        if ui.button(label).clicked() {
                            self.push(Intent::Apply(Command::connect(
                                kind,
                                vec![from.clone()],
                                to.clone(),
                            )));
                            done = true;
                        }
                    };
                    if to_inference {
                        choice(ui, "Undercut this inference", InferenceKind::Conflict);
                    } else {
                        choice(ui, "Support", InferenceKind::Support);
                        choice(ui, "Attack", InferenceKind::Conflict);
                        choice(ui, "Rephrase", InferenceKind::Rephrase);
                    }
                    if ui.button("Cancel").clicked() {
                        done = true;
                    }
                });
            });
        if done || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
            canvas.connect_menu = None;
        }
    }

    fn in_place_edit_ui(&mut self, ui: &mut egui::Ui, scene: &Scene) {
        let Some(edit) = self.editing.as_mut() else {
            return;
        };
        let Some(b) = scene.boxes.iter().find(|b| b.id == edit.id) else {
            return;
        };
        let rect = erect(&b.rect).shrink(4.0);
        let hint = Rect::from_min_size(
            rect.left_top() - Vec2::new(0.0, 22.0),
            Vec2::new(rect.width(), 18.0),
        );
        let label = ui.put(
            hint,
            egui::Label::new(egui::RichText::new("Statement text (Enter to finish)").small()),
        );
        let response = ui
            .put(
                rect,
                egui::TextEdit::multiline(&mut edit.buffer)
                    .id(egui::Id::unique("in-place-edit"))
                    .desired_width(rect.width())
                    .frame(egui::Frame::NONE),
            )
            .labelled_by(label.id);
        if edit.focus {
            response.request_focus();
            // Start with the whole text selected, so typing replaces a
            // placeholder such as "New reason".
            let id = egui::Id::unique("in-place-edit");
            if let Some(mut state) = egui::TextEdit::load_state(ui.ctx(), id) {
                state
                    .cursor
                    .set_char_range(Some(egui::text::CCursorRange::select_all_str(&edit.buffer)));
                egui::TextEdit::store_state(ui.ctx(), id, state);
            }
            edit.focus = false;
        }
        let enter = ui.input(|i| i.key_pressed(egui::Key::Enter) && !i.modifiers.shift);
        if enter && response.has_focus() {
            // Enter commits; Shift+Enter makes a new line.
            if let Some(e) = self.editing.as_mut() {
                e.buffer = e.buffer.trim_end_matches('\n').to_owned();
            }
            self.commit_editing();
        } else if response.lost_focus() {
            self.commit_editing();
        }
    }
}
