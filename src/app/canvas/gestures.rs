//! Pointer and keyboard gestures on the canvas: clicking and double-clicking
//! empty space, dragging boxes, band selection, connecting by dragging a
//! box's handle (with a live line and the connect menu), editing a box's
//! text in place, and where pasted or moved nodes land.

use egui::{Color32, CornerRadius, Pos2, Rect, Sense, Stroke, StrokeKind, Vec2};

use super::super::{ArgmapApp, Intent, editing, files};
use super::{Canvas, erect, node_at, p2, shown_pos, srect};
use crate::model::{InferenceKind, Pos};
use crate::ops::Command;
use crate::scene::{self, Scene};

impl ArgmapApp {
    /// Clicks, double-clicks and band selection on the canvas background.
    pub(super) fn background_input(
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
            let edit = editing::new_statement(&mut self.doc.map, Pos::new(at.x, at.y));
            self.apply_edit(Some(edit), "New statement");
        } else if response.clicked() {
            self.commit_editing();
            // Zoomed far out boxes have no widgets of their own: hit-test here.
            let hit = pointer.and_then(|p| node_at(scene, canvas, canvas.canvas_from_screen(p)));
            match hit {
                Some(id) => self.click_select(ui, &id),
                None if !ui.input(|i| i.modifiers.shift) => self.selection.0.clear(),
                None => {}
            }
        }
        // Shift-drag on empty space selects the boxes inside the band. The
        // band starts where the button went down, not where the drag was
        // first recognised a few pixels later.
        let shift = ui.input(|i| i.modifiers.shift);
        if shift && response.drag_started_by(egui::PointerButton::Primary) {
            let origin = ui.input(|i| i.pointer.press_origin()).or(pointer);
            canvas.band = origin.map(|p| canvas.canvas_from_screen(p));
        }
        let Some(start) = canvas.band else { return };
        let Some(p) = ui.input(|i| i.pointer.latest_pos()) else {
            return;
        };
        let end = canvas.canvas_from_screen(p);
        let band = Rect::from_two_pos(start, end);
        if !ui.input(|i| i.pointer.primary_down()) {
            for i in canvas.index.boxes_inside(&srect(band)) {
                if canvas.visibility.is_hidden(scene.boxes[i].node) {
                    continue;
                }
                let id = &scene.boxes[i].id;
                if !self.selection.contains(id) {
                    self.selection.0.push(id.clone());
                }
            }
            canvas.band = None;
            return;
        }
        // Painted on a layer above the scene: the scene's own layer covers
        // the panel's painter, which is why the band used to be invisible.
        let painter = ui
            .ctx()
            .layer_painter(egui::LayerId::new(
                egui::Order::Foreground,
                egui::Id::unique("canvas-band"),
            ))
            .with_clip_rect(canvas.outer);
        let screen = Rect::from_two_pos(canvas.screen_from_canvas(start), p);
        let color = ui.visuals().selection.stroke.color;
        painter.rect(
            screen,
            CornerRadius::ZERO,
            color.gamma_multiply(0.15),
            Stroke::new(1.5, color),
            StrokeKind::Inside,
        );
        ui.ctx().request_repaint();
    }

    /// Click, double-click and drag on one box, and its connection handle.
    pub(super) fn box_interaction_ui(
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
        self.statement_menu_ui(&response, &b.id);
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
                    editing::nudge(&self.doc.map, &self.selection, delta.x, delta.y, |id| {
                        shown_pos(scene, id)
                    })
            {
                self.push(Intent::ApplyMerging(cmd, canvas.gesture));
            }
        }
        if response.drag_stopped() {
            canvas.dragging = false;
        }
        // The connection handle under the box: shown for the selected box,
        // the hovered one, while the pointer is on the handle itself, and
        // while a connection is being dragged from it.
        let handle = Rect::from_center_size(
            rect.center_bottom() + Vec2::new(0.0, 7.0),
            Vec2::splat(12.0),
        );
        let from_here = canvas.connecting.as_deref() == Some(b.id.as_str());
        let near = ui.rect_contains_pointer(rect.union(handle).expand(2.0));
        if !(self.selection.contains(&b.id) || near || from_here) {
            return;
        }
        let h = ui.interact(handle, ui.scope_id().with(("handle", &b.id)), Sense::drag());
        ui.painter().circle(
            handle.center(),
            5.0,
            ui.visuals().selection.bg_fill,
            Stroke::new(1.0, ui.visuals().selection.stroke.color),
        );
        let h = h.on_hover_text("Drag onto another box or connector to connect");
        if h.drag_started() {
            canvas.connecting = Some(b.id.clone());
        }
    }

    /// The line from the box being connected to the pointer, with an
    /// arrowhead, drawn every frame of the drag.
    pub(super) fn connecting_line_ui(&self, ui: &egui::Ui, canvas: &Canvas, scene: &Scene) {
        let Some(from) = &canvas.connecting else {
            return;
        };
        let Some(b) = scene.boxes.iter().find(|b| &b.id == from) else {
            return;
        };
        let Some(pointer) = ui.input(|i| i.pointer.latest_pos()) else {
            return;
        };
        let tip = canvas.canvas_from_screen(pointer);
        let start = erect(&b.rect).center_bottom();
        let color = ui.visuals().selection.stroke.color;
        let zoom = canvas.zoom().max(1e-3);
        let painter = ui.painter();
        painter.line_segment([start, tip], Stroke::new(2.0 / zoom.min(1.0), color));
        let d = tip - start;
        if d.length() > 1.0 {
            let u = d.normalized();
            let n = Vec2::new(-u.y, u.x);
            let (len, half) = (12.0 / zoom.min(1.0), 6.0 / zoom.min(1.0));
            let base = tip - u * len;
            painter.add(egui::Shape::convex_polygon(
                vec![tip, base + n * half, base - n * half],
                color,
                Stroke::NONE,
            ));
        }
        // Outline what the connection would be dropped on.
        if let Some(to) = node_at(scene, canvas, tip).filter(|to| to != from)
            && let Some(p) = shown_pos(scene, &to)
        {
            let r = scene
                .boxes
                .iter()
                .find(|b| b.id == to)
                .map(|b| erect(&b.rect))
                .unwrap_or_else(|| Rect::from_center_size(p2(p), Vec2::splat(22.0)));
            painter.rect_stroke(
                r.expand(3.0),
                CornerRadius::same(4),
                Stroke::new(2.0, color),
                StrokeKind::Outside,
            );
        }
        ui.ctx().request_repaint();
    }

    /// Ends a handle drag when the button is released: dropped on another
    /// box or connector, the connect menu opens there.
    pub(super) fn finish_connecting(&mut self, ui: &egui::Ui, canvas: &mut Canvas, scene: &Scene) {
        if canvas.connecting.is_none() || ui.input(|i| i.pointer.primary_down()) {
            return;
        }
        let from = canvas.connecting.take().unwrap_or_default();
        let Some(screen) = ui.input(|i| i.pointer.latest_pos()) else {
            return;
        };
        if let Some(to) = node_at(scene, canvas, canvas.canvas_from_screen(screen))
            && to != from
        {
            canvas.connect_menu = Some((from, to, screen));
        }
    }

    /// The menu offered after dropping a connection: support, attack,
    /// rephrase, or undercut when dropped on a connector.
    pub(super) fn connect_menu_ui(&mut self, ui: &mut egui::Ui, canvas: &mut Canvas) {
        let Some((from, to, at)) = canvas.connect_menu.clone() else {
            return;
        };
        let to_inference = self.doc.map.inference(&to).is_some();
        let mut done = false;
        let area = egui::Area::new(egui::Id::unique("connect-menu"))
            .fixed_pos(at)
            .order(egui::Order::Foreground)
            .show(ui.ctx(), |ui| {
                egui::Frame::menu(ui.style()).show(ui, |ui| {
                    // Whole labels on one line each, all buttons one width.
                    ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Extend);
                    ui.set_min_width(150.0);
                    let mut choice = |ui: &mut egui::Ui, label: &str, kind: InferenceKind| {
                        let button = egui::Button::new(label).min_size(Vec2::new(150.0, 0.0));
                        if ui.add(button).clicked() {
                            self.push(Intent::Apply(Command::connect(
                                kind,
                                vec![from.clone()],
                                to.clone(),
                            )));
                            done = true;
                        }
                    };
                    if to_inference {
                        choice(ui, "Undercut", InferenceKind::Conflict);
                    } else {
                        choice(ui, "Support", InferenceKind::Support);
                        choice(ui, "Attack", InferenceKind::Conflict);
                        choice(ui, "Rephrase", InferenceKind::Rephrase);
                    }
                    ui.separator();
                    if ui
                        .add(egui::Button::new("Cancel").min_size(Vec2::new(150.0, 0.0)))
                        .clicked()
                    {
                        done = true;
                    }
                });
            });
        let clicked_elsewhere = ui.input(|i| {
            i.pointer.any_pressed()
                && i.pointer
                    .interact_pos()
                    .is_some_and(|p| !area.response.rect.contains(p))
        });
        if done || clicked_elsewhere || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
            canvas.connect_menu = None;
        }
    }

    /// The text field over the box being edited. Enter commits, Shift+Enter
    /// starts a new line, Escape cancels, clicking elsewhere commits.
    pub(super) fn in_place_edit_ui(&mut self, ui: &mut egui::Ui, scene: &Scene) {
        let Some(edit) = self.editing.as_mut() else {
            return;
        };
        let Some(b) = scene.boxes.iter().find(|b| b.id == edit.id) else {
            return;
        };
        let rect = erect(&b.rect).shrink(4.0);
        let hint = Rect::from_min_size(
            rect.left_top() - Vec2::new(0.0, 22.0),
            Vec2::new(rect.width().max(260.0), 18.0),
        );
        let label = ui.put(
            hint,
            egui::Label::new(
                egui::RichText::new("Statement text (Enter to finish)")
                    .small()
                    .background_color(Color32::from_black_alpha(160))
                    .color(Color32::WHITE),
            )
            .wrap_mode(egui::TextWrapMode::Extend),
        );
        let id = egui::Id::unique("in-place-edit");
        // Only Shift+Enter inserts a line break: plain Enter must not
        // replace the (initially all selected) text with a newline.
        let newline = egui::KeyboardShortcut::new(egui::Modifiers::SHIFT, egui::Key::Enter);
        let response = ui
            .put(
                rect,
                egui::TextEdit::multiline(&mut edit.buffer)
                    .id(id)
                    .return_key(Some(newline))
                    .desired_width(rect.width())
                    .frame(egui::Frame::NONE),
            )
            .labelled_by(label.id);
        if edit.focus {
            response.request_focus();
            // Start with the whole text selected, so typing replaces a
            // placeholder such as "New reason".
            if let Some(mut state) = egui::TextEdit::load_state(ui.ctx(), id) {
                state
                    .cursor
                    .set_char_range(Some(egui::text::CCursorRange::select_all_str(&edit.buffer)));
                egui::TextEdit::store_state(ui.ctx(), id, state);
            }
            edit.focus = false;
        }
        // The key event's own modifiers: the frame's modifier state may
        // already be released when the events arrive together.
        let enter = ui.input(|i| {
            i.events.iter().any(|e| {
                matches!(e, egui::Event::Key { key: egui::Key::Enter, pressed: true, modifiers, .. }
                    if !modifiers.shift)
            })
        });
        if (enter && response.has_focus()) || response.lost_focus() {
            self.commit_editing();
        }
    }

    /// Pastes map text copied from Argmap, centred on the pointer when it
    /// is over the canvas, else on the middle of the view: pasted nodes
    /// always land where the user is looking.
    pub fn paste_here(&mut self, text: &str, pointer: Option<Pos2>) {
        let canvas = &self.canvas;
        let at = pointer
            .filter(|p| canvas.outer.contains(*p))
            .map(|p| canvas.canvas_from_screen(p))
            .unwrap_or_else(|| canvas.view.center());
        match files::paste_command(&mut self.doc.map, text, 0.0) {
            Ok((cmd, ids)) => {
                let n = ids.len();
                let mut cmd = editing::recentre_paste(cmd, Pos::new(at.x, at.y));
                // Near the pointer, but never on what is already drawn.
                let measurer = self.canvas.measurer();
                let occupied = self.occupied_rects();
                editing::place_group_clear_of(&mut cmd, &measurer, &occupied);
                self.apply(cmd, None);
                self.selection.0 = ids;
                self.status = format!("Pasted {n} node(s)");
            }
            Err(message) => self.status = message,
        }
    }

    /// Moves the selection by arrow keys; nodes with no stored position
    /// move from where the canvas shows them.
    pub fn nudge_selection(&self, dx: f32, dy: f32) -> Option<Command> {
        let scene = self.canvas.scene.as_ref().map(|(_, s)| s);
        editing::nudge(&self.doc.map, &self.selection, dx, dy, |id| {
            scene.and_then(|s| shown_pos(s, id))
        })
    }
}
