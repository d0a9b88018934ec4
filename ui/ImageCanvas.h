#pragma once

#include <QImage>
#include <QList>
#include <QPolygonF>
#include <QWidget>

namespace alpr {

/**
 * Shows one image with zoom and pan: the mouse wheel zooms about the pointer, dragging pans, fitToWindow() and
 * actualSize() (1:1) reset the view; above 200 % pixels are drawn as blocks, so what is inspected is what was
 * recorded, not a smoothed guess. Optionally draws numbered region outlines (plate proposals; a click on one selects
 * it) and an editable quadrilateral whose four corner handles the user drags (the plate's corners for perspective
 * correction).
 *
 * Coordinates in the API are the image's pixels.
 */
class ImageCanvas : public QWidget
{
    Q_OBJECT

public:
    static constexpr double MinZoom = 0.02;
    static constexpr double MaxZoom = 32.0;

    explicit ImageCanvas(QWidget* parent = nullptr);

    /** Shows image; keeps the zoom when keepView and the size is unchanged (an enhanced version), else fits. */
    void setImage(const QImage& image, bool keepView = false);
    const QImage& image() const { return m_image; }
    /** Text shown when there is no image. */
    void setPlaceholder(const QString& text);

    double zoom() const { return m_zoom; }
    /** Zooms to factor about a point of the widget (its centre when anchor is null). */
    void setZoom(double factor, const QPointF& anchor = QPointF(-1, -1));
    void zoomIn();
    void zoomOut();
    /** The whole image, as large as fits. Stays fitted when the widget is resized, until zoomed or panned. */
    void fitToWindow();
    /** One image pixel per screen pixel, centred. */
    void actualSize();
    bool isFitted() const { return m_fitted; }
    /** Moves the image by delta widget pixels. */
    void panBy(const QPointF& delta);
    /** The widget position of the image's top-left corner. */
    QPointF offset() const { return m_offset; }
    /** Shows the same part of the image as another canvas (zoom, position, and whether it follows resizes). */
    void setView(double zoom, const QPointF& offset, bool fitted);
    /** The image pixel under a widget position, and back. */
    QPointF toImage(const QPointF& widgetPos) const;
    QPointF toWidget(const QPointF& imagePos) const;

    /** Region outlines to draw, numbered from 1; selected is highlighted (-1: none). */
    void setRegions(const QList<QPolygonF>& regions, int selected = -1);
    int selectedRegion() const { return m_selected; }
    /** The editable quadrilateral (four corners) or none (empty polygon). */
    void setQuad(const QPolygonF& quad);
    QPolygonF quad() const { return m_quad; }
    void setQuadEditable(bool editable);

Q_SIGNALS:
    void zoomChanged(double zoom);
    /** Zoom or position changed (by the user or a call); for keeping canvases in step. */
    void viewChanged();
    /** The user moved a corner of the quad (emitted when the drag ends). */
    void quadEdited(const QPolygonF& quad);
    void regionClicked(int index);

protected:
    void paintEvent(QPaintEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    QSize sizeHint() const override { return { 480, 320 }; }

private:
    double fitZoom() const;
    int handleAt(const QPointF& widgetPos) const;
    void clampOffset();

    QImage m_image;
    QString m_placeholder;
    double m_zoom = 1.0;
    QPointF m_offset; ///< widget position of the image's top-left corner
    bool m_fitted = true;
    QList<QPolygonF> m_regions;
    int m_selected = -1;
    QPolygonF m_quad;
    bool m_quadEditable = false;
    int m_dragHandle = -1;
    bool m_panning = false;
    QPointF m_lastMouse;
};

} // namespace alpr
